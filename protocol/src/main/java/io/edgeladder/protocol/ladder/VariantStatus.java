package io.edgeladder.protocol.ladder;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a variant is a rung of the ladder or kept only as a record of why it is not. */
public enum VariantStatus {
  ACCEPTED,
  REJECTED;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the bad value
   */
  @JsonCreator
  public static VariantStatus of(String label) {
    for (VariantStatus s : values()) {
      if (s.label().equalsIgnoreCase(label)) return s;
    }
    throw new IllegalArgumentException("ladder status must be accepted or rejected but was " + label);
  }
}
