package dev.optievent.sample.boot;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /newsletter?email=...}: calls the annotated service. */
@RestController
class NewsletterController {
  private final NewsletterService newsletter;

  NewsletterController(NewsletterService newsletter) {
    this.newsletter = newsletter;
  }

  @PostMapping("/newsletter")
  String signUp(@RequestParam("email") String email) {
    return newsletter.signUp(email, true);
  }
}
