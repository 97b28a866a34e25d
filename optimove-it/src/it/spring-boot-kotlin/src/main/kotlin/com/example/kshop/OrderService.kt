package com.example.kshop

import dev.optievent.annotation.CustomerId
import dev.optievent.annotation.EventParam
import dev.optievent.annotation.OptimoveEvent
import kotlinx.coroutines.delay
import org.springframework.stereotype.Service

data class Receipt(val orderId: String, val total: Int)

/** Open, with open functions: Spring proxies it by subclassing (the allopen plugin would too). */
@Service
open class OrderService {

    /** Reported when it completes (after it suspends), with the receipt's properties. */
    @OptimoveEvent(name = "order_placed")
    @EventParam(value = "order_id", path = "orderId")
    @EventParam(value = "total", path = "total")
    open suspend fun place(@EventParam("sku") sku: String): Receipt {
        delay(20)
        check(sku != "broken") { "out of stock" }
        return Receipt("o-$sku", sku.length * 10)
    }

    /** A suspend function that names its customer and returns nothing. */
    @OptimoveEvent(name = "order_cancelled")
    open suspend fun cancel(@CustomerId customerId: String, @EventParam("order_id") orderId: String) {
        delay(10)
    }

    /** A plain Kotlin function: reported when it returns, as in Java. */
    @OptimoveEvent(name = "cart_viewed")
    open fun view(@CustomerId customerId: String, @EventParam("items") items: Int): Int = items
}
