package dev.optievent.sample;

import dev.optievent.annotation.EventParam;
import dev.optievent.annotation.OptimoveEvent;
import dev.optievent.annotation.VisitorId;

/** Anonymous browsing: reported for a visitor, not a customer. */
public class CatalogService {

  /**
   * Shows a product page.
   *
   * @param visitorId the anonymous visitor
   * @param productId the product shown
   * @return the page title
   */
  @OptimoveEvent(name = "product_viewed")
  public String viewProduct(
      @VisitorId String visitorId, @EventParam("product_id") String productId) {
    return "Product " + productId;
  }
}
