package com.example.shop;

import lombok.Value;

/** Immutable: Lombok writes the constructor and the getters getId() and getTier(). */
@Value
public class Customer {
  String id;
  String tier;
}
