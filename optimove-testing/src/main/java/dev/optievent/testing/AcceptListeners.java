package dev.optievent.testing;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners registered with {@link FakeOptimoveServer#onAccepted(Consumer)}; a throwing one is
 * only logged.
 */
final class AcceptListeners {

  private static final Logger LOG = LoggerFactory.getLogger(FakeOptimoveServer.class);

  private final List<Consumer<ReceivedEvent>> listeners = new CopyOnWriteArrayList<>();

  void add(Consumer<ReceivedEvent> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Calls every listener with the event; a listener that throws is logged and the others still run.
   */
  void notifyAccepted(ReceivedEvent event) {
    for (Consumer<ReceivedEvent> listener : listeners) {
      try {
        listener.accept(event);
      } catch (VirtualMachineError fatal) {
        throw fatal;
      } catch (Throwable t) {
        LOG.warn(
            "onAccepted listener {} threw for event {} (message id {})",
            listener,
            event.event(),
            event.messageId(),
            t);
      }
    }
  }
}
