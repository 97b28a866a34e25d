package com.example.shop;

import java.util.concurrent.CountDownLatch;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
public class NewsletterController {
  private final NewsletterService newsletter;

  public NewsletterController(NewsletterService newsletter) {
    this.newsletter = newsletter;
  }

  /**
   * An unnamed {@code @RequestParam}, Boot's usual style: Spring reads the name from the compiled
   * class, so the build must keep javac's {@code -parameters} (Boot's parent sets it; ajc must
   * too, or every request is a 500).
   */
  @PostMapping("/newsletter")
  public String signUp(@RequestParam String email) {
    return newsletter.signUp(email);
  }

  /** Spring MVC subscribes to the Mono and answers when it completes. */
  @PostMapping("/newsletter/confirm")
  public Mono<String> confirm(@RequestParam String email) {
    return newsletter.confirm(email);
  }

  /** Counts down when Spring MVC gives up on a slow confirmation (its async timeout). */
  public static final CountDownLatch SLOW_CANCELLED = new CountDownLatch(1);

  /** A confirmation slower than the async request timeout: Spring MVC cancels its Mono. */
  @PostMapping("/newsletter/slow-confirm")
  public Mono<String> slowConfirm(@RequestParam("email") String email) {
    return newsletter.confirm(email).doOnCancel(SLOW_CANCELLED::countDown);
  }

  /** Builds a confirmation nobody subscribes to: its work never runs, nothing is reported. */
  @PostMapping("/newsletter/preview")
  public String preview(@RequestParam("email") String email) {
    newsletter.confirm(email);
    return "preview only";
  }
}
