package io.edgeladder.simulator;

import java.util.Locale;

/** Payload encodings of a block of interleaved {@code x, y, z} frames; the agent decodes all three. */
public enum PayloadFormat {
  /** Little-endian float32, {@code x0 y0 z0 x1 ...}: 12 bytes per frame, no timestamp. */
  RAW,
  /** A flat JSON array {@code [x0,y0,z0,x1,...]}, no timestamp. */
  JSON,
  /**
   * A SenML JSON pack (RFC 8428): one record per channel sample in frame order, names {@code x|y|z},
   * relative times {@code t} in seconds; the first record also carries {@code bn = "{machine}:"},
   * {@code bt} (epoch seconds of frame 0) and {@code bu = "m/s2"}.
   */
  SENML;

  public static PayloadFormat of(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("payload format must be raw, json or senml but was '" + name + "'");
    }
  }

  /** A fresh encoder for this format (encoders keep a reusable buffer: one per publishing thread). */
  public PayloadEncoder newEncoder() {
    return new PayloadEncoder(this);
  }
}
