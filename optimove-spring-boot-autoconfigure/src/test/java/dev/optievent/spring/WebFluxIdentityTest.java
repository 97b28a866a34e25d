package dev.optievent.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optievent.client.OptimoveClient;
import dev.optievent.spring.woven.WovenReactiveShop;
import dev.optievent.testing.FakeOptimoveServer;
import dev.optievent.testing.ReceivedEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A real WebFlux application on Netty with reactive Spring Security (HTTP Basic, two users), whose
 * controllers return what reporting methods return: proxied beans and woven classes. The calls name
 * no customer: the starter's resolver reads the principal from the request's Reactor context. Each
 * completed order or export is reported once for the user who made it; failed, cancelled and
 * unsubscribed work is not.
 */
class WebFluxIdentityTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static FakeOptimoveServer server;
  private static ConfigurableApplicationContext app;
  private static String base;

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableWebFluxSecurity
  @Import(Shop.class)
  static class WebFluxApp {
    @Bean
    ReactiveShop reactiveShop() {
      return new ReactiveShop();
    }

    @Bean
    MapReactiveUserDetailsService users() {
      return new MapReactiveUserDetailsService(
          User.withUsername("alice").password("{noop}a-secret").roles("USER").build(),
          User.withUsername("bob").password("{noop}b-secret").roles("USER").build());
    }

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http) {
      return http.authorizeExchange(e -> e.anyExchange().authenticated())
          .httpBasic(Customizer.withDefaults())
          .csrf(ServerHttpSecurity.CsrfSpec::disable)
          .build();
    }
  }

  /** The controllers: each returns the reporting method's publisher to WebFlux. */
  @RestController
  static class Shop {
    static final CountDownLatch CANCELLED = new CountDownLatch(1);
    private final ReactiveShop proxied;
    private final WovenReactiveShop woven = new WovenReactiveShop();

    Shop(ReactiveShop proxied) {
      this.proxied = proxied;
    }

    @GetMapping("/proxied/orders")
    Mono<String> proxiedOrder(@RequestParam("sku") String sku) {
      return proxied.place(sku, 5);
    }

    @GetMapping("/woven/orders")
    Mono<String> wovenOrder(@RequestParam("sku") String sku) {
      return woven.place(sku, 5);
    }

    @GetMapping("/proxied/export")
    Flux<String> proxiedExport(@RequestParam("rows") int rows) {
      return proxied.export(rows);
    }

    @GetMapping("/woven/export")
    Flux<String> wovenExport(@RequestParam("rows") int rows) {
      return woven.export(rows);
    }

    @GetMapping("/unsubscribed")
    Mono<String> unsubscribed(@RequestParam("sku") String sku) {
      proxied.place(sku, 0);
      woven.place(sku, 0);
      return Mono.just("not ordered");
    }

    @GetMapping("/slow")
    Mono<String> slow(@RequestParam("sku") String sku) {
      return proxied.place(sku, 60_000).doOnCancel(CANCELLED::countDown);
    }
  }

  @BeforeAll
  static void start() {
    server = FakeOptimoveServer.start();
    app =
        new SpringApplicationBuilder(WebFluxApp.class)
            .web(WebApplicationType.REACTIVE)
            .properties(
                "server.port=0",
                "spring.main.banner-mode=off",
                "optimove.endpoint=" + server.endpoint(),
                "optimove.tenant=42",
                "optimove.shutdown-timeout=2s")
            .run();
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    base = "http://localhost:" + port;
  }

  @AfterAll
  static void stop() {
    app.close();
    server.close();
  }

  @Test
  void twoUsersOrdersEachReportTheirOwnUserProxiedAndWoven() {
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String user = i % 2 == 0 ? "alice" : "bob";
      String kind = i % 4 < 2 ? "proxied" : "woven";
      responses.add(getAsync(user, "/" + kind + "/orders?sku=" + user + "-" + i));
    }
    for (CompletableFuture<HttpResponse<String>> response : responses) {
      assertThat(response.join().statusCode()).isEqualTo(200);
    }

    List<ReceivedEvent> orders = settled("order_placed", e -> true);
    Map<String, String> customerBySku =
        orders.stream()
            .collect(
                Collectors.toMap(e -> (String) e.context().get("sku"), ReceivedEvent::customer));
    assertThat(customerBySku).hasSize(12);
    customerBySku.forEach((sku, customer) -> assertThat(sku).startsWith(customer + "-"));
    assertThat(orders)
        .allSatisfy(
            e ->
                assertThat((String) e.context().get("receipt"))
                    .startsWith(e.context().get("sku") + ":"));
    assertThat(orders)
        .filteredOn(e -> e.context().get("receipt").toString().endsWith(":woven"))
        .hasSize(6);
  }

  @Test
  void aFluxIsReportedWhenItCompletesForItsUser() {
    assertThat(get("bob", "/proxied/export?rows=3").body()).contains("row-3");
    assertThat(get("alice", "/woven/export?rows=2").body()).contains("row-2");

    List<ReceivedEvent> exports = settled("orders_exported", e -> true);
    assertThat(exports)
        .extracting(e -> e.customer() + ":" + e.context().get("rows"))
        .containsExactlyInAnyOrder("bob:3", "alice:2");
  }

  @Test
  void failedCancelledAndUnsubscribedWorkIsNotReported() throws Exception {
    assertThat(get("alice", "/proxied/orders?sku=broken").statusCode()).isEqualTo(500);
    assertThat(get("alice", "/unsubscribed?sku=never").body()).isEqualTo("not ordered");
    HttpRequest slow =
        request("bob", "/slow?sku=abandoned").timeout(Duration.ofMillis(300)).build();
    assertThatThrownBy(() -> HTTP.send(slow, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(Shop.CANCELLED.await(WAIT.toSeconds(), TimeUnit.SECONDS))
        .as("the server cancelled the abandoned request's Mono")
        .isTrue();

    assertThat(client().flush(WAIT)).isTrue();
    assertThat(server.acceptedEvents())
        .extracting(e -> e.context().get("sku"))
        .doesNotContain("broken", "never", "abandoned");
    assertThat(client().stats().dropped()).isZero();
  }

  @Test
  void anAnonymousRequestIsRefusedAndReportsNothing() {
    HttpRequest anonymous =
        HttpRequest.newBuilder(URI.create(base + "/proxied/orders?sku=anon")).build();

    assertThat(send(anonymous).statusCode()).isEqualTo(401);
    assertThat(client().flush(WAIT)).isTrue();
    assertThat(server.acceptedEvents())
        .extracting(e -> e.context().get("sku"))
        .doesNotContain("anon");
  }

  private static List<ReceivedEvent> settled(
      String event, java.util.function.Predicate<ReceivedEvent> filter) {
    assertThat(client().flush(WAIT)).isTrue();
    return server.acceptedEvents().stream()
        .filter(e -> e.event().equals(event))
        .filter(filter)
        .toList();
  }

  private static OptimoveClient client() {
    return app.getBean(OptimoveClient.class);
  }

  private static HttpRequest.Builder request(String user, String path) {
    String password = user.charAt(0) + "-secret";
    String basic =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Basic " + basic);
  }

  private static HttpResponse<String> get(String user, String path) {
    return send(request(user, path).build());
  }

  private static CompletableFuture<HttpResponse<String>> getAsync(String user, String path) {
    return HTTP.sendAsync(request(user, path).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
