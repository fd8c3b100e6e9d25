package io.edgeladder.simulator;

import java.time.Duration;

/** Parses short durations: {@code 250ms}, {@code 10s}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT10S}. */
final class Durations {
  private Durations() {}

  static Duration parse(String what, String text) {
    String s = text == null ? "" : text.trim();
    try {
      if (s.startsWith("P") || s.startsWith("p")) {
        return Duration.parse(s);
      }
      if (s.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
      }
      long n = Long.parseLong(s.substring(0, s.length() - 1));
      switch (s.charAt(s.length() - 1)) {
        case 's': return Duration.ofSeconds(n);
        case 'm': return Duration.ofMinutes(n);
        case 'h': return Duration.ofHours(n);
        default: break;
      }
    } catch (RuntimeException e) {
      // fall through to the message naming the text
    }
    throw new IllegalArgumentException(what + " must be a duration like 250ms, 10s, 2m but was '" + text + "'");
  }
}
