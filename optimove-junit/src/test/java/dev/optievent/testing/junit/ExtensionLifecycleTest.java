package dev.optievent.testing.junit;

import static dev.optievent.testing.junit.OptimoveAssertions.assertThat;
import static dev.optievent.testing.junit.OptimoveAssertions.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.client.Event;
import dev.optievent.client.OptimoveClient;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * When the extension starts, resets and closes the fake and the client, and what it injects. Each
 * case runs a small test class (the nested {@code ...Scenario} classes, which only this test runs)
 * with JUnit's test kit and looks at what its tests saw.
 */
class ExtensionLifecycleTest {

  /** What the scenarios' tests were given, in the order they ran. */
  static final List<FakeOptimoveServer> servers = new CopyOnWriteArrayList<>();

  static final List<OptimoveClient> clients = new CopyOnWriteArrayList<>();

  @BeforeEach
  void forgetWhatTheLastScenarioSaw() {
    servers.clear();
    clients.clear();
  }

  @Test
  void aStaticFieldServesEveryTestOfTheClassAndResetsEverythingBetweenThem() {
    run(StaticFieldScenario.class, 2);

    assertThat(servers).hasSize(2);
    assertThat(servers.get(1)).isSameAs(servers.get(0));
    assertThat(clients.get(1)).isSameAs(clients.get(0));
    assertClosed(servers.get(0), clients.get(0));
  }

  @Test
  void anInstanceFieldGivesEachTestItsOwnFakeAndClient() {
    run(InstanceFieldScenario.class, 2);

    assertThat(servers.get(1)).isNotSameAs(servers.get(0));
    assertThat(clients.get(1)).isNotSameAs(clients.get(0));
    assertClosed(servers.get(0), clients.get(0));
    assertClosed(servers.get(1), clients.get(1));
  }

  @Test
  void perTestGivesEachTestItsOwnFakeAndClientFromAStaticField() {
    run(PerTestScenario.class, 2);

    assertThat(servers.get(1)).isNotSameAs(servers.get(0));
    assertClosed(servers.get(0), clients.get(0));
    assertClosed(servers.get(1), clients.get(1));
  }

  @Test
  void extendWithInjectsTheFakeTheClientAndTheExtension() {
    run(ExtendWithScenario.class, 1);

    assertClosed(servers.get(0), clients.get(0));
  }

  @Test
  void nestedClassesShareTheOuterClasssFakeAndClient() {
    run(NestedScenario.class, 2);

    assertThat(servers.get(1)).isSameAs(servers.get(0));
    assertClosed(servers.get(0), clients.get(0));
  }

  @Test
  void aClientThatDidNotSettleIsReplacedSoThatNothingReachesTheNextTest() {
    run(UnsettledScenario.class, 2);

    assertThat(clients.get(1)).isNotSameAs(clients.get(0));
    assertThat(clients.get(0).isClosed()).isTrue();
    assertThat(servers.get(1)).isSameAs(servers.get(0));
  }

  @Test
  void aClientClosedByATestIsReplaced() {
    run(ClosedClientScenario.class, 2);

    assertThat(clients.get(1)).isNotSameAs(clients.get(0));
  }

  @Test
  void reconfigureChangesTheClientForOneTestOnly() {
    run(ReconfiguredScenario.class, 2);

    assertThat(clients.get(0).config().maxTextLength()).isEqualTo(5);
    assertThat(clients.get(0).isClosed()).isTrue();
    assertThat(clients.get(1).config().maxTextLength()).isEqualTo(255);
  }

  @Test
  void theAspectIsLeftAloneWhenAskedTo() {
    run(NotConnectingScenario.class, 1);
  }

  @Test
  void saysWhyAConstructorCannotHaveTheFakeOfAPerTestExtension() {
    EngineExecutionResults results = execute(ConstructorScenario.class);

    assertThat(failures(results))
        .singleElement()
        .satisfies(
            t ->
                assertThat(t)
                    .hasMessageContaining(
                        "take them as parameters of @BeforeEach or @Test methods, not of"));
  }

  // ---- Scenarios ------------------------------------------------------------------------------

  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class StaticFieldScenario {
    @RegisterExtension
    static final OptimoveExtension optimove = OptimoveExtension.builder().build();

    @Test
    void a(FakeOptimoveServer server, OptimoveClient client) {
      seen(server, client);
      assertThat(OptimoveReporting.connectedClient()).isSameAs(client);
      assertThat(client.config().endpoint()).isEqualTo(server.endpoint());

      new Shop().signUp("c-1", "ada@example.com", true);

      assertThat(optimove).hasReceivedEventCount(1).hasDeliveredEverything();
    }

    @Test
    void b(FakeOptimoveServer server, OptimoveClient client) {
      seen(server, client);
      assertThat(server.acceptedEvents()).isEmpty();
      assertThat(server.requests()).isEmpty();
      assertThat(optimove.outcomes()).isEmpty();
      assertThat(optimove.statsThisTest().accepted()).isZero();

      new Shop().signUp("c-2", "ada@example.com", true);

      assertThat(optimove)
          .hasReceivedOnce(event("newsletter_signup").forCustomer("c-2"))
          .hasReceivedEventCount(1);
    }
  }

  static class InstanceFieldScenario {
    @RegisterExtension final OptimoveExtension optimove = OptimoveExtension.builder().build();

    @Test
    void a() {
      seen(optimove.server(), optimove.client());
    }

    @Test
    void b() {
      seen(optimove.server(), optimove.client());
    }
  }

  static class PerTestScenario {
    @RegisterExtension
    static final OptimoveExtension optimove = OptimoveExtension.builder().perTest().build();

    @Test
    void a(FakeOptimoveServer server, OptimoveClient client) {
      seen(server, client);
    }

    @Test
    void b(FakeOptimoveServer server, OptimoveClient client) {
      seen(server, client);
    }
  }

  @ExtendWith(OptimoveExtension.class)
  static class ExtendWithScenario {
    @Test
    void injected(OptimoveExtension optimove, FakeOptimoveServer server, OptimoveClient client) {
      seen(server, client);
      assertThat(optimove.server()).isSameAs(server);
      assertThat(optimove.client()).isSameAs(client);
      assertThat(client.config().tenant()).isEqualTo(OptimoveExtension.DEFAULT_TENANT);

      new Shop().signUp("c-1", "ada@example.com", true);

      assertThat(optimove).hasReceivedOnce(event("newsletter_signup").forCustomer("c-1"));
    }
  }

  static class NestedScenario {
    @RegisterExtension
    static final OptimoveExtension optimove = OptimoveExtension.builder().build();

    @Test
    void outer(FakeOptimoveServer server, OptimoveClient client) {
      seen(server, client);
    }

    @Nested
    class Inner {
      @Test
      void inner(FakeOptimoveServer server, OptimoveClient client) {
        seen(server, client);
        assertThat(server.toString()).doesNotContain("closed");
      }
    }
  }

  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class UnsettledScenario {
    @RegisterExtension
    static final OptimoveExtension optimove =
        OptimoveExtension.builder()
            .assertionTimeout(Duration.ofMillis(200))
            .configure(b -> b.shutdownTimeout(Duration.ofMillis(100)))
            .build();

    @Test
    void a(FakeOptimoveServer server, OptimoveClient client) {
      seen(server, client);
      server.script(Fault.stallAfterHeaders(Duration.ofSeconds(30)));
      client.send(Event.builder("newsletter_signup").customer("c-1").build());
      // The test ends with its event still in flight.
    }

    @Test
    void b(FakeOptimoveServer server, OptimoveClient client) {
      seen(server, client);
      assertThat(optimove.outcomes()).isEmpty();
      assertThat(client.stats().accepted()).isZero();
      assertThat(server.requests()).isEmpty();
    }
  }

  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class ClosedClientScenario {
    @RegisterExtension
    static final OptimoveExtension optimove = OptimoveExtension.builder().build();

    @Test
    void a(FakeOptimoveServer server, OptimoveClient client) {
      seen(server, client);
      client.close();
    }

    @Test
    void b(FakeOptimoveServer server, OptimoveClient client) {
      seen(server, client);
      assertThat(client.isClosed()).isFalse();
      assertThat(OptimoveReporting.connectedClient()).isSameAs(client);
    }
  }

  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class ReconfiguredScenario {
    @RegisterExtension
    static final OptimoveExtension optimove = OptimoveExtension.builder().build();

    @Test
    void a(FakeOptimoveServer server) {
      OptimoveClient client = optimove.reconfigure(b -> b.maxTextLength(5));
      seen(server, client);
      assertThat(OptimoveReporting.connectedClient()).isSameAs(client);

      new Shop().signUp("c-1", "ada@example.com", true);

      assertThat(optimove)
          .hasRejected(event("newsletter_signup"), "value_too_long")
          .hasReceivedEventCount(0);
    }

    @Test
    void b(FakeOptimoveServer server, OptimoveClient client) {
      seen(server, client);
      new Shop().signUp("c-1", "ada@example.com", true);

      assertThat(optimove).hasReceivedEventCount(1).hasDeliveredEverything();
    }
  }

  static class NotConnectingScenario {
    @RegisterExtension
    static final OptimoveExtension optimove =
        OptimoveExtension.builder().connectAspect(false).build();

    @Test
    void wovenMethodsDoNotReportToTheExtensionsClient() {
      assertThat(OptimoveReporting.connectedClient()).isNull();
      long before = OptimoveReporting.eventsWithoutClient();

      new Shop().signUp("c-1", "ada@example.com", true);

      assertThat(OptimoveReporting.eventsWithoutClient()).isEqualTo(before + 1);
      assertThat(optimove).hasReceivedEventCount(0);
    }
  }

  static class ConstructorScenario {
    @RegisterExtension
    static final OptimoveExtension optimove = OptimoveExtension.builder().perTest().build();

    ConstructorScenario(FakeOptimoveServer server) {}

    @Test
    void neverRuns() {}
  }

  // ---- Helpers --------------------------------------------------------------------------------

  static void seen(FakeOptimoveServer server, OptimoveClient client) {
    servers.add(server);
    clients.add(client);
  }

  private static void assertClosed(FakeOptimoveServer server, OptimoveClient client) {
    assertThat(server.toString()).endsWith(", closed]");
    assertThat(client.isClosed()).isTrue();
    assertThat(OptimoveReporting.connectedClient()).isNull();
  }

  /** Runs the scenario and checks that its tests, all {@code tests} of them, passed. */
  private static void run(Class<?> scenario, int tests) {
    EngineExecutionResults results = execute(scenario);
    assertThat(failures(results)).as("what failed in " + scenario.getSimpleName()).isEmpty();
    results.testEvents().assertStatistics(s -> s.started(tests).succeeded(tests));
  }

  private static EngineExecutionResults execute(Class<?> scenario) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(scenario)).execute();
  }

  private static List<Throwable> failures(EngineExecutionResults results) {
    return results.allEvents().executions().failed().stream()
        .map(e -> e.getTerminationInfo().getExecutionResult().getThrowable())
        .flatMap(Optional::stream)
        .toList();
  }
}
