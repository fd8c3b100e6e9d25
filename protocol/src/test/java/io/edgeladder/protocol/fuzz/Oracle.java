package io.edgeladder.protocol.fuzz;

import com.fasterxml.jackson.core.JacksonException;
import io.edgeladder.protocol.ProtocolException;
import java.time.DateTimeException;

/**
 * What a fuzz property accepts as a proper rejection: the project's typed exception, whose message names the
 * message type and (when one field is at fault) the field, caused by validation or by the JSON parser, never
 * by a bug (a {@link NullPointerException}, {@link ArithmeticException}, {@link ClassCastException}, ...
 * somewhere in a constructor or decoder).
 */
public final class Oracle {
  private Oracle() {}

  /**
   * Checks a {@link ProtocolException} and returns its tally kind: the top-level field at fault, or
   * {@code payload} when the payload as a whole was bad.
   *
   * @throws AssertionError naming the input when the rejection is not a proper one
   */
  public static String protocolRejection(String type, ProtocolException e, Object input) {
    String m = e.getMessage();
    if (m == null || !m.startsWith("invalid " + type)) {
      throw new AssertionError("rejection of " + type + " does not name the message type: " + m + "\ninput " + input, e);
    }
    if (!e.messageType().equals(type)) {
      throw new AssertionError("messageType " + e.messageType() + " for " + type + "\ninput " + input, e);
    }
    if (!e.field().isEmpty() && !m.contains(" at " + e.field() + ": ")) {
      throw new AssertionError("rejection does not name its field " + e.field() + ": " + m + "\ninput " + input, e);
    }
    if (m.endsWith(": null") || m.endsWith(": ")) {
      throw new AssertionError("rejection without a problem: " + m + "\ninput " + input, e);
    }
    allowedCause(e, input);
    if (e.field().isEmpty()) return "payload";
    String f = e.field();
    int cut = f.length();
    for (int i = 0; i < f.length(); i++) {
      if (f.charAt(i) == '.' || f.charAt(i) == '[') {
        cut = i;
        break;
      }
    }
    return f.substring(0, cut);
  }

  /**
   * Fails when the root cause of {@code e} is a runtime exception other than a validation
   * ({@link IllegalArgumentException}), date ({@link DateTimeException}) or JSON-parser one: that is a bug
   * reached by input, not a rejection.
   */
  public static void allowedCause(Throwable e, Object input) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    boolean ok = !(root instanceof RuntimeException) || root instanceof IllegalArgumentException
        || root instanceof DateTimeException || root instanceof JacksonException;
    if (!ok) {
      throw new AssertionError("rejection caused by a bug: " + root + "\ninput " + input, e);
    }
    if (root instanceof Error) {
      throw new AssertionError("rejection caused by an error: " + root + "\ninput " + input, e);
    }
  }
}
