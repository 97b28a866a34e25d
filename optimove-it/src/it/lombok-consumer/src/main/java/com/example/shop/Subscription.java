package com.example.shop;

import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Mutable: Lombok writes getters (isTrial() for the boolean), setters and constructors. */
@Data
@NoArgsConstructor
@AllArgsConstructor
public class Subscription {
  private Customer customer;
  private String plan;
  private int seats;
  private boolean trial;
}
