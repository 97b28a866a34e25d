package com.example.kshop

import org.springframework.context.annotation.Bean
import org.springframework.context.annotation.Configuration
import org.springframework.security.config.Customizer
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity
import org.springframework.security.config.web.server.ServerHttpSecurity
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService
import org.springframework.security.core.userdetails.User
import org.springframework.security.web.server.SecurityWebFilterChain

@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfig {

    @Bean
    fun users() = MapReactiveUserDetailsService(
        User.withUsername("alice").password("{noop}a-secret").roles("USER").build(),
        User.withUsername("bob").password("{noop}b-secret").roles("USER").build(),
    )

    @Bean
    fun security(http: ServerHttpSecurity): SecurityWebFilterChain =
        http.authorizeExchange { it.anyExchange().authenticated() }
            .httpBasic(Customizer.withDefaults())
            .csrf { it.disable() }
            .build()
}
