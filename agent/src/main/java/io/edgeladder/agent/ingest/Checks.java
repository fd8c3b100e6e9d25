package io.edgeladder.agent.ingest;

/** Checks and rejections shared by the decoders. */
final class Checks {
  private Checks() {}

  static void scratch(float[] frames, int needed) {
    if (frames.length < needed) {
      throw new IllegalArgumentException(
          "decoder scratch must hold maxFrames * channels = " + needed + " floats but has " + frames.length);
    }
  }

  static DecodeException nonFinite(String format, int valueIndex, double v) {
    String what = Double.isNaN(v) ? "NaN" : "infinite (" + v + ")";
    return new DecodeException(DecodeError.NON_FINITE, format + " payload: value " + valueIndex + " is " + what);
  }

  static DecodeException oversized(String format, int maxFrames) {
    return new DecodeException(DecodeError.OVERSIZED,
        format + " payload: more than " + maxFrames + " frames (the most accepted)");
  }
}
