package dev.optievent.aspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.testing.ReceivedEvent;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * Woven methods called from virtual threads (Java 21+; the module compiles at release 17, so the
 * threads are started through reflection): each virtual thread's {@link OptimoveContext} scope is
 * its own, and nothing on the caller's path pins a carrier thread (JFR's {@code
 * jdk.VirtualThreadPinned}, which on Java 24+ replaces {@code -Djdk.tracePinnedThreads}).
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadsTest {
  private static final int CALLERS = 500;

  private final ReportingFixture fixture = new ReportingFixture();
  private final Services.Newsletter newsletter = new Services.Newsletter();
  private final ExecutorService virtualThreads = newVirtualThreadPerTaskExecutor();

  @AfterEach
  void tearDown() throws InterruptedException {
    virtualThreads.shutdownNow();
    virtualThreads.awaitTermination(10, TimeUnit.SECONDS);
    fixture.close();
  }

  @Test
  void eachVirtualThreadReportsForTheCustomerOfItsOwnScope() throws Exception {
    Map<String, Boolean> ranVirtual = new ConcurrentHashMap<>();
    CountDownLatch allInScope = new CountDownLatch(CALLERS);
    runOnVirtualThreads(
        i -> {
          try (OptimoveContext.Scope scope = OptimoveContext.customer("c-" + i)) {
            ranVirtual.put("c-" + i, isVirtual(Thread.currentThread()));
            // Every thread holds its scope open until all have opened theirs, so the scopes of
            // the threads that share a carrier are open at the same time.
            allInScope.countDown();
            allInScope.await(10, TimeUnit.SECONDS);
            newsletter.signUpFromContext("u" + i + "@x.io", true);
          }
          assertThat(OptimoveContext.currentCustomerId()).isNull();
        });

    List<ReceivedEvent> events = fixture.flushed();
    assertThat(ranVirtual).hasSize(CALLERS).doesNotContainValue(false);
    assertThat(events).hasSize(CALLERS);
    Map<Object, String> customerByEmail =
        events.stream()
            .collect(Collectors.toMap(e -> e.context().get("email"), ReceivedEvent::customer));
    for (int i = 0; i < CALLERS; i++) {
      assertThat(customerByEmail).containsEntry("u" + i + "@x.io", "c-" + i);
    }
  }

  @Test
  void nothingOnTheCallersPathPinsACarrier() throws Exception {
    Path jfr = Files.createTempFile("optievent-pinning", ".jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.VirtualThreadPinned").withStackTrace().withThreshold(Duration.ZERO);
      recording.start();
      runOnVirtualThreads(
          i -> {
            try (OptimoveContext.Scope scope = OptimoveContext.customer("c-" + i)) {
              newsletter.signUpFromContext("u" + i + "@x.io", true);
              newsletter.signUp("c-" + i, "v" + i + "@x.io", false);
            }
            // A control that does pin: parking inside a class initializer holds the carrier (on
            // every JDK so far), so the recording is proven to see pinning when there is some.
            if (i == 0) {
              PinsWhileInitialising.touch();
            }
          });
      assertThat(fixture.flushed()).hasSize(2 * CALLERS);
      recording.stop();
      recording.dump(jfr);
    }

    List<RecordedEvent> pinned = RecordingFile.readAllEvents(jfr);
    Files.deleteIfExists(jfr);
    assertThat(pinned)
        .as("the control pinned and was recorded")
        .anyMatch(e -> stackMentions(e, PinsWhileInitialising.class.getName()));
    List<String> ours = new ArrayList<>();
    for (RecordedEvent e : pinned) {
      if (!stackMentions(e, PinsWhileInitialising.class.getName())
          && stackMentions(e, "dev.optievent.")) {
        ours.add(String.valueOf(e.getStackTrace()));
      }
    }
    assertThat(ours).as("pinned carriers with dev.optievent on the stack").isEmpty();
  }

  /** Parks for a moment while its class initialises, the one pinning case left on Java 24+. */
  static final class PinsWhileInitialising {
    static {
      LockSupport.parkNanos(
          TimeUnit.MILLISECONDS.toNanos(20)); // blocks: what the JFR event records
    }

    static void touch() {}
  }

  private static boolean stackMentions(RecordedEvent e, String prefix) {
    if (e.getStackTrace() == null) {
      return false;
    }
    for (RecordedFrame f : e.getStackTrace().getFrames()) {
      if (f.getMethod() != null && f.getMethod().getType().getName().startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Runs {@code body} for 0 to CALLERS - 1, each on its own virtual thread, and waits for all. */
  private void runOnVirtualThreads(Body body) throws Exception {
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      int n = i;
      done.add(
          virtualThreads.submit(
              () -> {
                body.run(n);
                return null;
              }));
    }
    for (java.util.concurrent.Future<?> f : done) {
      f.get(30, TimeUnit.SECONDS);
    }
  }

  @FunctionalInterface
  private interface Body {
    void run(int i) throws Exception;
  }

  private static ExecutorService newVirtualThreadPerTaskExecutor() {
    if (Runtime.version().feature() < 21) {
      return Executors.newSingleThreadExecutor(); // never used: the class is disabled below 21
    }
    try {
      return (ExecutorService)
          Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isVirtual(Thread thread) {
    try {
      Method isVirtual = Thread.class.getMethod("isVirtual");
      return (Boolean) isVirtual.invoke(thread);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
