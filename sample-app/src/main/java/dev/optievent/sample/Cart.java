package dev.optievent.sample;

import java.math.BigDecimal;

/**
 * A shopping cart at checkout.
 *
 * @param items number of items
 * @param total amount to pay, in the account's currency
 * @param currency ISO currency code
 */
public record Cart(int items, BigDecimal total, String currency) {}
