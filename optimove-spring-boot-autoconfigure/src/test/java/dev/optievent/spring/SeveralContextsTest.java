package dev.optievent.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optievent.aspect.CustomerIdResolver;
import dev.optievent.aspect.OptimoveReporting;
import dev.optievent.client.OptimoveClient;
import dev.optievent.spring.woven.WovenSignups;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/**
 * Several application contexts in one JVM, real ones: a child context and its parent share the
 * parent's client, and the child closing leaves the parent reporting; sibling contexts (cached test
 * contexts, say) each report their proxies' calls to their own client, and woven code reports to
 * the newest one open, then to the other again when it closes.
 */
class SeveralContextsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final FakeOptimoveServer first = FakeOptimoveServer.start();
  private final FakeOptimoveServer second = FakeOptimoveServer.start();

  @AfterEach
  void tearDown() {
    OptimoveReporting.disconnect();
    first.close();
    second.close();
  }

  private static ApplicationContextRunner reportingTo(FakeOptimoveServer server, String customer) {
    return OptimoveContexts.reportingTo(server)
        .withBean(CustomerIdResolver.class, () -> () -> customer);
  }

  @Test
  void aChildContextReportsOnceToItsParentsClientAndItsClosingLeavesTheParentConnected() {
    reportingTo(first, "c-parent")
        .withBean(Signups.class)
        .run(
            parent -> {
              OptimoveClient client = parent.getBean(OptimoveClient.class);
              new ApplicationContextRunner()
                  .withConfiguration(OptimoveContexts.ALL)
                  .withParent(parent)
                  .withBean("childSignups", Signups.class)
                  .run(
                      child -> {
                        assertThat(child).hasNotFailed();
                        assertThat(child.getBean(OptimoveClient.class)).isSameAs(client);
                        Signups signups = child.getBean("childSignups", Signups.class);
                        assertThat(AopUtils.isAopProxy(signups)).isTrue();
                        signups.signUp("child@example.com");
                        assertThat(client.flush(WAIT)).isTrue();
                        assertThat(first.acceptedEvents())
                            .as("once, not once per context's advisor")
                            .extracting(ReceivedEvent::event)
                            .containsExactly("newsletter_signup");
                      });

              // The child is closed: the parent's proxies and woven code still report.
              assertThat(client.isClosed()).isFalse();
              assertThat(OptimoveReporting.connectedClient()).isSameAs(client);
              parent.getBean(Signups.class).signUp("parent@example.com");
              new WovenSignups().signUp("woven@example.com");
              assertThat(first.awaitAcceptedEvents(3, WAIT))
                  .extracting(ReceivedEvent::event)
                  // Requests in flight together may arrive in either order.
                  .containsExactlyInAnyOrder(
                      "newsletter_signup", "newsletter_signup", "woven_signup");
            });
  }

  @Test
  void siblingContextsKeepTheirOwnClientsAndWovenCodeFallsBackWhenTheNewestCloses() {
    reportingTo(first, "c-first")
        .withBean(Signups.class)
        .run(
            one -> {
              OptimoveClient firstClient = one.getBean(OptimoveClient.class);
              reportingTo(second, "c-second")
                  .withBean(Signups.class)
                  .run(
                      two -> {
                        signUp(one, "one@example.com");
                        signUp(two, "two@example.com");
                        new WovenSignups().signUp("woven-while-both@example.com");

                        assertThat(first.awaitAcceptedEvents(1, WAIT))
                            .extracting(ReceivedEvent::customer)
                            .containsExactly("c-first");
                        List<ReceivedEvent> toSecond = second.awaitAcceptedEvents(2, WAIT);
                        assertThat(toSecond)
                            .extracting(ReceivedEvent::event, ReceivedEvent::customer)
                            .containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple(
                                    "newsletter_signup", "c-second"),
                                org.assertj.core.groups.Tuple.tuple("woven_signup", "c-second"));
                      });

              // The newer sibling closed: woven code reports to the first one again.
              assertThat(OptimoveReporting.connectedClient()).isSameAs(firstClient);
              new WovenSignups().signUp("woven-after@example.com");
              signUp(one, "one-again@example.com");
              assertThat(first.awaitAcceptedEvents(3, WAIT))
                  .extracting(ReceivedEvent::event, ReceivedEvent::customer)
                  .containsExactlyInAnyOrder(
                      org.assertj.core.groups.Tuple.tuple("newsletter_signup", "c-first"),
                      org.assertj.core.groups.Tuple.tuple("woven_signup", "c-first"),
                      org.assertj.core.groups.Tuple.tuple("newsletter_signup", "c-first"));
            });
    assertThat(OptimoveReporting.connectedClient()).isNull();
  }

  private static void signUp(ApplicationContext context, String email) {
    Signups signups = context.getBean(Signups.class);
    assertThat(AopUtils.isAopProxy(signups)).isTrue();
    signups.signUp(email);
  }
}
