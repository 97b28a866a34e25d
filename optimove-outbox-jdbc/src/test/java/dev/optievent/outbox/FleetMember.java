package dev.optievent.outbox;

import dev.optievent.client.OptimoveClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One instance of the fleet in {@link OutboxFleetTest}, run in a JVM of its own: a Spring
 * application on the shared PostgreSQL server whose writer threads place orders through a
 * {@code @Transactional} service reported through proxies, one transaction in five rolled back, and
 * whose relay sends through its own client. It prints {@code STATE <in flight> <committed>} every
 * 20 ms, {@code WRITTEN <committed>} when its writers are done, and closes when told {@code stop}.
 *
 * <p>Arguments: JDBC URL, endpoint, name (the prefix of its order IDs), orders to commit, writer
 * threads.
 */
public final class FleetMember {
  private FleetMember() {}

  /** The application's database: the shared PostgreSQL server. */
  @Configuration(proxyBeanMethods = false)
  @Import(OrdersApplication.class)
  static class Database {
    static String url;

    @Bean
    PGSimpleDataSource dataSource() {
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setUrl(url);
      return pg;
    }
  }

  /**
   * Runs the instance.
   *
   * @param args JDBC URL, endpoint, name, orders to commit, writer threads
   */
  public static void main(String[] args) {
    Database.url = args[0];
    String name = args[2];
    int orders = Integer.parseInt(args[3]);
    int threads = Integer.parseInt(args[4]);
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                dev.optievent.spring.OptimoveAutoConfiguration.class,
                OptimoveOutboxAutoConfiguration.class))
        .withUserConfiguration(Database.class)
        .withPropertyValues(
            "optimove.endpoint=" + args[1],
            "optimove.tenant=42",
            "optimove.retry-base-delay=20ms",
            "optimove.retry-max-delay=200ms",
            "optimove.shutdown-timeout=2s",
            "optimove.outbox.enabled=true",
            "optimove.outbox.initialize-schema=never",
            "optimove.outbox.lease=3s",
            "optimove.outbox.poll-interval=100ms",
            "optimove.outbox.batch-size=50")
        .run(
            context -> {
              if (context.getStartupFailure() != null) {
                context.getStartupFailure().printStackTrace();
                System.exit(2);
              }
              run(context, name, orders, threads);
            });
    System.out.println("CLOSED");
    System.exit(0);
  }

  private static void run(ApplicationContext context, String name, int orders, int threads)
      throws Exception {
    OptimoveOutbox outbox = context.getBean(OptimoveOutbox.class);
    AtomicInteger committed = new AtomicInteger();
    Thread reporter =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                System.out.println("STATE " + outbox.inFlightRows() + " " + committed.get());
                try {
                  Thread.sleep(20); // a status line's period, not a wait for a condition
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "fleet-reporter");
    reporter.setDaemon(true);
    reporter.start();

    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String prefix = name + "-" + t + "-";
      int share = orders / threads + (t < orders % threads ? 1 : 0);
      Thread writer = new Thread(() -> write(context, prefix, share, committed), "writer-" + t);
      writers.add(writer);
      writer.start();
    }
    for (Thread writer : writers) {
      writer.join();
    }
    System.out.println("WRITTEN " + committed.get());
    awaitStop();
    reporter.interrupt();
    System.out.println(
        "CLIENT leasesLost="
            + outbox.leasesLost()
            + " "
            + context.getBean(OptimoveClient.class).stats());
  }

  /** Commits {@code share} orders, rolling back one transaction in five besides. */
  private static void write(
      ApplicationContext context, String prefix, int share, AtomicInteger committed) {
    TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
    Orders service = context.getBean(Orders.class);
    int done = 0;
    for (int n = 0; done < share; n++) {
      String id = prefix + n;
      boolean rollBack = n % 5 == 4;
      transactions.executeWithoutResult(
          status -> {
            service.place(id, id);
            if (rollBack) {
              status.setRollbackOnly();
            }
          });
      if (!rollBack) {
        done++;
        committed.incrementAndGet();
      }
    }
  }

  private static void awaitStop() throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      if (line.equals("stop")) {
        return;
      }
    }
  }
}
