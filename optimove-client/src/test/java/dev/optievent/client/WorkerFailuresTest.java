package dev.optievent.client;

import static dev.optievent.client.DeliveryFixture.config;
import static dev.optievent.client.DeliveryFixture.event;
import static dev.optievent.client.DeliveryFixture.flushed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import dev.optievent.testing.FakeOptimoveServer;
import java.math.BigDecimal;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No Throwable, an Error included, stops delivery: the event it hit is settled, and the ones after
 * it are delivered.
 */
class WorkerFailuresTest {
  @RegisterExtension final TestEndpoint endpoint = TestEndpoint.up();
  private final FakeOptimoveServer server = endpoint.server();
  private OptimoveClient client;
  private final DeliveryListener listener = mock(DeliveryListener.class);

  /**
   * A number the mapping keeps as it is (a BigDecimal) but that the payload writer cannot write:
   * serialising it throws, on the sender thread.
   */
  private static final class PoisonNumber extends BigDecimal {
    private final transient Supplier<Error> error;

    PoisonNumber(Supplier<Error> error) {
      super(1);
      this.error = error;
    }

    @Override
    public String toPlainString() {
      throw error.get();
    }
  }

  private static Supplier<Error> error(String kind) {
    return switch (kind) {
      case "OutOfMemoryError" -> () -> new OutOfMemoryError("unable to create native thread");
      case "StackOverflowError" -> StackOverflowError::new;
      default -> () -> new AssertionError("boom");
    };
  }

  @ParameterizedTest(name = "{0} while serialising")
  @ValueSource(strings = {"OutOfMemoryError", "StackOverflowError", "AssertionError"})
  void anErrorWhileSerialisingOneEventDropsItAndDeliversTheRest(String kind) {
    client = endpoint.client(config(server).maxInFlight(4).deliveryListener(listener).build());
    Event poison =
        Event.builder("order_placed")
            .customer("customer-x")
            .param("total", new PoisonNumber(error(kind)))
            .build();

    client.send(poison);
    for (int i = 0; i < 200; i++) {
      client.send(event(i));
    }
    ClientStats stats = flushed(client);

    assertThat(stats.dropped("send_failed")).isEqualTo(1);
    assertThat(stats.delivered()).isEqualTo(200);
    assertThat(server.acceptedCount()).isEqualTo(200);
    verify(listener, timeout(2_000)).onDropped(poison, "send_failed");
  }
}
