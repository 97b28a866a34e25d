package dev.optievent.client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The child JVM of {@link SpoolRestartTest}: a client with a spool, in one of three roles.
 *
 * <ul>
 *   <li>{@code close ENDPOINT DIR N}: sends N events, closes, prints {@code CLOSED pending
 *       spooled}.
 *   <li>{@code hang ENDPOINT DIR N}: sends N events, waits until the spool forced all N to disk,
 *       prints {@code SYNCED n}, then waits to be killed.
 *   <li>{@code open ENDPOINT DIR 0}: creates a client and prints {@code OPENED}, or {@code REFUSED}
 *       and the exception's message.
 *   <li>{@code deliver ENDPOINT DIR N}: waits until it has accepted at least N events and has none
 *       pending, prints {@code DELIVERED accepted delivered}, closes.
 * </ul>
 */
final class SpoolChild {
  private SpoolChild() {}

  public static void main(String[] args) throws IOException {
    String role = args[0];
    OptimoveConfig config =
        DeliveryFixture.config(URI.create(args[1]))
            .spoolDirectory(Path.of(args[2]))
            .spoolSyncInterval(Duration.ofMillis(200))
            .maxAttempts(1_000_000)
            .maxEventAge(Duration.ofMinutes(10))
            .shutdownTimeout(Duration.ofMillis(300))
            .build();
    int n = Integer.parseInt(args[3]);
    if (role.equals("open")) {
      try (OptimoveClient opened = OptimoveClient.create(config)) {
        System.out.println("OPENED");
      } catch (OptimoveConfigException e) {
        System.out.println("REFUSED " + e.getMessage());
      }
      System.out.flush();
      return;
    }
    OptimoveClient client = OptimoveClient.create(config);
    switch (role) {
      case "close" -> {
        send(client, n);
        client.close();
        ClientStats s = client.stats();
        System.out.println("CLOSED " + s.pending() + " " + s.spooled());
      }
      case "hang" -> {
        send(client, n);
        awaitOrExit(() -> client.spoolSyncedRecords() >= n);
        System.out.println("SYNCED " + client.spoolSyncedRecords());
        System.out.flush();
        System.in.read(); // until the parent kills this JVM
      }
      case "deliver" -> {
        awaitOrExit(() -> client.stats().accepted() >= n && client.stats().pending() == 0);
        ClientStats s = client.stats();
        System.out.println("DELIVERED " + s.accepted() + " " + s.delivered());
        client.close();
      }
      default -> throw new IllegalArgumentException(role);
    }
    System.out.flush();
  }

  private static void send(OptimoveClient client, int n) {
    for (int i = 0; i < n; i++) {
      client.send(DeliveryFixture.event(i));
    }
    System.out.println("SENT " + n);
  }

  /** Waits for the condition (60 s at most: the parent's own timeout is shorter). */
  private static void awaitOrExit(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        System.out.println("TIMEOUT");
        System.exit(2);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }
}
