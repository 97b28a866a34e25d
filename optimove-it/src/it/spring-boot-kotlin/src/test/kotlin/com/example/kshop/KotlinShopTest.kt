package com.example.kshop

import dev.optievent.aspect.OptimoveReactorContext
import dev.optievent.client.OptimoveClient
import dev.optievent.testing.FakeOptimoveServer
import dev.optievent.testing.ReceivedEvent
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import java.util.Base64
import kotlinx.coroutines.reactor.asCoroutineContext
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Test
import org.springframework.aop.support.AopUtils
import org.springframework.beans.factory.annotation.Autowired
import org.springframework.boot.test.context.SpringBootTest
import org.springframework.core.env.Environment
import org.springframework.test.context.DynamicPropertyRegistry
import org.springframework.test.context.DynamicPropertySource

/** Real HTTP in, real HTTP out: suspend functions reported when they complete, for their user. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KotlinShopTest {
    companion object {
        val OPTIMOVE: FakeOptimoveServer = FakeOptimoveServer.start()
        val WAIT: Duration = Duration.ofSeconds(20)

        @JvmStatic
        @DynamicPropertySource
        fun optimove(registry: DynamicPropertyRegistry) {
            registry.add("optimove.endpoint") { OPTIMOVE.endpoint().toString() }
            registry.add("optimove.tenant") { "42" }
        }

        @JvmStatic
        @AfterAll
        fun stop() = OPTIMOVE.close()
    }

    @Autowired lateinit var environment: Environment
    @Autowired lateinit var orders: OrderService
    @Autowired lateinit var client: OptimoveClient

    @Test
    fun theServiceIsProxied() {
        assertThat(AopUtils.isAopProxy(orders)).isTrue()
    }

    @Test
    fun eachUsersSuspendOrderIsReportedOnceForThatUserWhenItCompletes() {
        val responses = (0 until 6).map { i ->
            val user = if (i % 2 == 0) "alice" else "bob"
            HttpClient.newHttpClient()
                .sendAsync(request(user, "/orders?sku=$user-$i"), HttpResponse.BodyHandlers.ofString())
        }
        responses.forEachIndexed { i, response ->
            val user = if (i % 2 == 0) "alice" else "bob"
            assertThat(response.join().statusCode()).isEqualTo(200)
            assertThat(response.join().body()).isEqualTo("o-$user-$i")
        }

        val placed = settled("order_placed").filter { (it.context()["sku"] as String).contains("-") }
        assertThat(placed).hasSize(6)
        placed.forEach { event ->
            val sku = event.context()["sku"] as String
            assertThat(sku).startsWith(event.customer() + "-")
            assertThat(event.context()["order_id"]).isEqualTo("o-$sku")
            assertThat(event.context()["total"]).isEqualTo(sku.length * 10)
        }
    }

    @Test
    fun aSuspendOrderThatFailsReportsNothing() {
        val response = HttpClient.newHttpClient()
            .send(request("alice", "/orders?sku=broken"), HttpResponse.BodyHandlers.ofString())
        assertThat(response.statusCode()).isEqualTo(500)

        assertThat(settled("order_placed").map { it.context()["sku"] }).doesNotContain("broken")
        assertThat(client.stats().dropped()).isZero()
    }

    @Test
    fun aSuspendFunctionReportsTheCustomerOfItsArgument(): Unit = runBlocking {
        orders.cancel("c-7", "o-1")

        val cancelled = settled("order_cancelled")
        assertThat(cancelled).extracting<String> { it.customer() }.containsExactly("c-7")
        assertThat(cancelled[0].context()).containsEntry("order_id", "o-1")
    }

    @Test
    fun aCoroutinesReactorContextNamesItsCustomer(): Unit = runBlocking {
        withContext(OptimoveReactorContext.customer("c-8").asCoroutineContext()) {
            orders.place("ctx")
        }
        assertThatThrownBy { runBlocking { orders.place("broken") } }
            .isInstanceOf(IllegalStateException::class.java)

        val placed = settled("order_placed").filter { it.context()["sku"] == "ctx" }
        assertThat(placed).extracting<String> { it.customer() }.containsExactly("c-8")
    }

    @Test
    fun aPlainKotlinFunctionIsReportedWhenItReturns() {
        assertThat(orders.view("c-9", 3)).isEqualTo(3)

        val viewed = settled("cart_viewed")
        assertThat(viewed).extracting<String> { it.customer() }.containsExactly("c-9")
        assertThat(viewed[0].context()).containsEntry("items", 3)
    }

    private fun settled(event: String): List<ReceivedEvent> {
        assertThat(client.flush(WAIT)).isTrue()
        return OPTIMOVE.acceptedEvents().filter { it.event() == event }
    }

    private fun request(user: String, path: String): HttpRequest {
        val port = environment.getProperty("local.server.port")
        val basic = Base64.getEncoder().encodeToString("$user:${user[0]}-secret".toByteArray())
        return HttpRequest.newBuilder(URI.create("http://localhost:$port$path"))
            .header("Authorization", "Basic $basic")
            .build()
    }
}
