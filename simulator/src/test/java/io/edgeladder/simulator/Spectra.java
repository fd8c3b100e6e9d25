package io.edgeladder.simulator;

/** Small signal statistics for the tests: single-frequency DFT, kurtosis, channel extraction. */
final class Spectra {
  private Spectra() {}

  /** One axis of an interleaved x, y, z block. */
  static double[] axis(float[] interleaved, int frames, int axis) {
    double[] out = new double[frames];
    for (int i = 0; i < frames; i++) {
      out[i] = interleaved[3 * i + axis];
    }
    return out;
  }

  /** Complex DFT coefficient at {@code hz}, scaled so a sine of amplitude A gives magnitude A. */
  static double[] line(double[] s, double sampleRateHz, double hz) {
    double re = 0;
    double im = 0;
    for (int i = 0; i < s.length; i++) {
      double a = 2 * Math.PI * hz * i / sampleRateHz;
      re += s[i] * Math.cos(a);
      im -= s[i] * Math.sin(a);
    }
    return new double[] {2 * re / s.length, 2 * im / s.length};
  }

  static double amplitude(double[] s, double sampleRateHz, double hz) {
    double[] c = line(s, sampleRateHz, hz);
    return Math.hypot(c[0], c[1]);
  }

  static double phase(double[] s, double sampleRateHz, double hz) {
    double[] c = line(s, sampleRateHz, hz);
    return Math.atan2(c[1], c[0]);
  }

  static double rms(double[] s) {
    double sum = 0;
    for (double v : s) {
      sum += v * v;
    }
    return Math.sqrt(sum / s.length);
  }

  static double kurtosis(double[] s) {
    double mean = 0;
    for (double v : s) {
      mean += v;
    }
    mean /= s.length;
    double m2 = 0;
    double m4 = 0;
    for (double v : s) {
      double d = (v - mean) * (v - mean);
      m2 += d;
      m4 += d * d;
    }
    m2 /= s.length;
    m4 /= s.length;
    return m4 / (m2 * m2);
  }

  /** Envelope proxy: square of the first difference (a crude high-pass that keeps the resonance). */
  static double[] envelope(double[] s) {
    double[] out = new double[s.length - 1];
    for (int i = 1; i < s.length; i++) {
      double d = s[i] - s[i - 1];
      out[i - 1] = d * d;
    }
    double mean = 0;
    for (double v : out) {
      mean += v;
    }
    mean /= out.length;
    for (int i = 0; i < out.length; i++) {
      out[i] -= mean;
    }
    return out;
  }
}
