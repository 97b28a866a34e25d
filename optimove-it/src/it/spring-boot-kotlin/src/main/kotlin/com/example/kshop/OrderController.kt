package com.example.kshop

import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.RequestParam
import org.springframework.web.bind.annotation.RestController

@RestController
class OrderController(private val orders: OrderService) {

    /** A suspend handler: the customer is the request's user, from reactive Security. */
    @GetMapping("/orders")
    suspend fun order(@RequestParam("sku") sku: String): String = orders.place(sku).orderId
}
