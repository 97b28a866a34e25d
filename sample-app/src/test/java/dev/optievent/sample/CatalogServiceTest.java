package dev.optievent.sample;

import static dev.optievent.testing.junit.OptimoveAssertions.assertThat;
import static dev.optievent.testing.junit.OptimoveAssertions.event;

import dev.optievent.testing.junit.OptimoveExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Anonymous browsing reports for the visitor, never for a customer. */
class CatalogServiceTest {

  @RegisterExtension static final OptimoveExtension optimove = OptimoveExtension.builder().build();

  private final CatalogService catalog = new CatalogService();

  @Test
  void viewingAProductReportsItForTheVisitor() {
    catalog.viewProduct("v-7f3a", "sku-1");
    catalog.viewProduct("v-7f3a", "sku-2");

    assertThat(optimove)
        .hasReceivedOnce(
            event("product_viewed")
                .forVisitor("v-7f3a")
                .with("product_id", "sku-1")
                .withNoOtherParameters())
        .hasReceivedExactly(2, event("product_viewed").forVisitor("v-7f3a"))
        .hasReceivedEventCount(2);
  }
}
