package com.example.kshop

import org.springframework.boot.autoconfigure.SpringBootApplication
import org.springframework.boot.runApplication

@SpringBootApplication(proxyBeanMethods = false)
class KotlinShopApplication

fun main(args: Array<String>) {
    runApplication<KotlinShopApplication>(*args)
}
