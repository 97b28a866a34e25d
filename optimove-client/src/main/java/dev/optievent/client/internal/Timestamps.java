package dev.optievent.client.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The vendor's one timestamp format, used both for an event's own timestamp and for date-time
 * parameter values. Internal: not for use outside this library.
 */
public final class Timestamps {

  /**
   * {@code uuuu-MM-dd HH:mm:ss.SSS UTC}, as in the vendor's example {@code 2020-04-12 17:32:06.094
   * UTC}: always UTC and {@link Locale#ROOT}, so the server's locale changes nothing.
   */
  public static final DateTimeFormatter VENDOR =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private Timestamps() {}
}
