package com.example.shop;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class NewsletterController {
  private final NewsletterService newsletter;

  public NewsletterController(NewsletterService newsletter) {
    this.newsletter = newsletter;
  }

  @PostMapping("/newsletter")
  public String signUp(@RequestParam("email") String email) {
    return newsletter.signUp(email);
  }
}
