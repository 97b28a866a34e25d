package dev.optievent.benchmarks.services;

/** Padding before the state the {@link Newsletter} bodies write. */
abstract class NewsletterPadding {
  // The int fills the 4 bytes after the object header, where HotSpot would put a subclass's int.
  @SuppressWarnings("unused")
  private int p00;

  @SuppressWarnings("unused")
  private long p01, p02, p03, p04, p05, p06, p07, p08;
}

/** What the {@link Newsletter} bodies write, between 64 bytes of padding on each side. */
abstract class NewsletterState extends NewsletterPadding {
  String lastEmail;
  int optIns;
}
