package com.example.shop;

import lombok.Value;

/** A return value whose property an event reads. */
@Value
public class Receipt {
  String plan;
  long refundCents;
}
