/**
 * Spring Boot auto-configuration for OptiEvent: an {@link dev.optievent.client.OptimoveClient} from
 * {@code optimove.*} properties, annotated methods on beans reported through Spring AOP proxies,
 * the woven aspect connected to the same client, identity from Spring Security and the request, and
 * an Actuator health contributor. Add {@code optimove-spring-boot-starter} to use it.
 */
package dev.optievent.spring;
