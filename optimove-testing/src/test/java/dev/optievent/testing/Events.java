package dev.optievent.testing;

/** Request bodies for the tests. */
final class Events {

  static final String TIMESTAMP = "2020-04-12 17:32:06.094 UTC";

  private Events() {}

  /**
   * A valid customer event with a string, a boolean, an exact decimal, an int and a long parameter.
   */
  static String customerEvent() {
    return """
                {"tenant":999,"event":"checkout_completed","customer":"johndoe@domain.com",\
                "timestamp":"2020-04-12 17:32:06.094 UTC",\
                "context":{"email":"johndoe@domain.com","opt_in":true,"amount":19.90,"items":3,\
                "order_number":12345678901}}""";
  }

  /** A valid visitor event without context. */
  static String visitorEvent() {
    return """
                {"tenant":999,"event":"newsletter_signup","visitor":"b449f7778d4981a5",\
                "timestamp":"2021-01-31 23:59:59.999 UTC"}""";
  }

  /** A valid minimal event for the given customer. */
  static String event(String customer) {
    return "{\"tenant\":999,\"event\":\"page_view\",\"customer\":\""
        + customer
        + "\",\"timestamp\":\""
        + TIMESTAMP
        + "\"}";
  }
}
