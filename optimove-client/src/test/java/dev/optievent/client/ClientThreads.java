package dev.optievent.client;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The delivery threads of one client ({@code optimove-sender-N}, {@code optimove-request-N-M},
 * {@code optimove-http-N-M}, {@code optimove-retry-N}), told apart from other clients' by N.
 */
final class ClientThreads {
  private final int id;
  private final OptimoveClient client;

  private ClientThreads(int id, OptimoveClient client) {
    this.id = id;
    this.client = client;
  }

  /**
   * Runs {@code createClient} and finds the client's number by the sender thread it started.
   *
   * @param createClient creates (and so starts) exactly one client
   * @return that client's threads
   */
  static ClientThreads track(Supplier<OptimoveClient> createClient) {
    Set<String> before = senderThreads();
    OptimoveClient client = createClient.get();
    Set<String> started = senderThreads();
    started.removeAll(before);
    if (started.size() != 1) {
      throw new AssertionError("expected one new sender thread, found " + started);
    }
    String name = started.iterator().next();
    return new ClientThreads(Integer.parseInt(name.substring("optimove-sender-".length())), client);
  }

  private static Set<String> senderThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(n -> n.startsWith("optimove-sender-"))
        .collect(Collectors.toCollection(HashSet::new));
  }

  /**
   * Its delivery threads now alive. Virtual request threads (Java 21+) do not show in {@link
   * Thread#getAllStackTraces()}: the client's own list of its request threads adds them.
   */
  List<Thread> alive() {
    Set<Thread> all =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> belongs(t.getName()))
            .collect(Collectors.toCollection(HashSet::new));
    all.addAll(client.requestThreads());
    return all.stream().filter(Thread::isAlive).collect(Collectors.toList());
  }

  /** Its request threads now parked inside {@code HttpClient.send}, waiting for an answer. */
  List<Thread> inHttpSend() {
    return client.requestThreads().stream()
        .filter(Thread::isAlive)
        .filter(
            t ->
                List.of(t.getStackTrace()).stream()
                    .anyMatch(
                        f ->
                            f.getMethodName().equals("send")
                                && f.getClassName().endsWith("HttpClientImpl")))
        .collect(Collectors.toList());
  }

  private boolean belongs(String name) {
    return name.equals("optimove-sender-" + id)
        || name.equals("optimove-retry-" + id)
        || name.startsWith("optimove-request-" + id + "-")
        || name.startsWith("optimove-http-" + id + "-");
  }
}
