package io.edgeladder.protocol.ladder;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Numeric precision of a variant's weights and compute, written lower-case in JSON. */
public enum Precision {
  FP32,
  FP16,
  INT8,
  /** Some layers quantized or cast, others kept in fp32 (selective quantization). */
  MIXED;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the bad value
   */
  @JsonCreator
  public static Precision of(String label) {
    for (Precision p : values()) {
      if (p.label().equalsIgnoreCase(label)) return p;
    }
    throw new IllegalArgumentException(
        "ladder precision must be one of fp32, fp16, int8, mixed but was " + label);
  }
}
