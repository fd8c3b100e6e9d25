package io.edgeladder.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VibrationSourceTest {
  private static final double FS = 10_000;
  private static final double SHAFT = 25;
  private static final int N = 10_000; // one second: 1 Hz resolution, shaft orders on exact bins

  private static float[] generate(Condition c, long seed) {
    VibrationSource source = new VibrationSource(MachineProfile.nominal(), seed, FS)
        .condition(c).shaftHz(SHAFT).noise(0.05);
    float[] warmUp = new float[3 * 1000];
    source.next(warmUp, 1000);
    float[] out = new float[3 * N];
    source.next(out, N);
    return out;
  }

  private static double[] x(float[] s) {
    return Spectra.axis(s, N, 0);
  }

  private static double[] y(float[] s) {
    return Spectra.axis(s, N, 1);
  }

  private static double[] z(float[] s) {
    return Spectra.axis(s, N, 2);
  }

  @Test
  void next_sameSeed_identicalSamples() {
    assertThat(generate(Condition.LOOSENESS, 42)).containsExactly(generate(Condition.LOOSENESS, 42));
  }

  @Test
  void next_differentSeed_differentSamples() {
    assertThat(generate(Condition.HEALTHY, 1)).isNotEqualTo(generate(Condition.HEALTHY, 2));
  }

  @Test
  void next_blocksOfAnySize_sameStreamAsOneCall() {
    VibrationSource whole = VibrationSource.of(9, FS).condition(Condition.BEARING_FAULT);
    VibrationSource pieces = VibrationSource.of(9, FS).condition(Condition.BEARING_FAULT);
    float[] expected = new float[3 * 1000];
    whole.next(expected, 1000);
    float[] actual = new float[3 * 1000];
    float[] block = new float[3 * 400];
    int done = 0;
    for (int size : new int[] {1, 299, 300, 7, 393}) {
      pieces.next(block, size);
      System.arraycopy(block, 0, actual, 3 * done, 3 * size);
      done += size;
    }
    assertThat(done).isEqualTo(1000);
    assertThat(actual).containsExactly(expected);
    assertThat(pieces.framesGenerated()).isEqualTo(1000);
  }

  @Test
  void next_imbalance_dominantOnceXInXAndYNinetyDegreesApart() {
    float[] s = generate(Condition.IMBALANCE, 3);
    float[] healthy = generate(Condition.HEALTHY, 3);
    double x1 = Spectra.amplitude(x(s), FS, SHAFT);
    double y1 = Spectra.amplitude(y(s), FS, SHAFT);
    assertThat(x1).isGreaterThan(0.6).isGreaterThan(4 * Spectra.amplitude(x(s), FS, 2 * SHAFT));
    assertThat(y1).isGreaterThan(0.6);
    assertThat(x1).isGreaterThan(2 * Spectra.amplitude(x(healthy), FS, SHAFT));
    assertThat(Spectra.amplitude(z(s), FS, SHAFT)).isLessThan(0.4 * x1);
    double lag = Math.abs(Spectra.phase(x(s), FS, SHAFT) - Spectra.phase(y(s), FS, SHAFT));
    lag = Math.min(lag, 2 * Math.PI - lag);
    assertThat(Math.toDegrees(lag)).isBetween(60.0, 120.0);
  }

  @Test
  void next_misalignment_strongTwoXAndHighAxial() {
    float[] s = generate(Condition.MISALIGNMENT, 4);
    float[] healthy = generate(Condition.HEALTHY, 4);
    double x2 = Spectra.amplitude(x(s), FS, 2 * SHAFT);
    double z2 = Spectra.amplitude(z(s), FS, 2 * SHAFT);
    assertThat(x2).isGreaterThan(0.4).isGreaterThan(3 * Spectra.amplitude(x(healthy), FS, 2 * SHAFT));
    assertThat(z2).isGreaterThan(0.5 * x2).isGreaterThan(5 * Spectra.amplitude(z(healthy), FS, 2 * SHAFT));
    assertThat(Spectra.rms(z(s))).isGreaterThan(3 * Spectra.rms(z(healthy)));
  }

  @Test
  void next_bearingFault_impulsiveWithEnvelopeLineAtBpfo() {
    float[] s = generate(Condition.BEARING_FAULT, 5);
    float[] healthy = generate(Condition.HEALTHY, 5);
    assertThat(Spectra.kurtosis(x(s))).isGreaterThan(5);
    assertThat(Spectra.kurtosis(x(healthy))).isLessThan(3.5);
    double bpfo = MachineProfile.nominal().bpfoOrder() * SHAFT;
    double[] env = Spectra.envelope(x(s));
    double atBpfo = Spectra.amplitude(env, FS, bpfo);
    assertThat(atBpfo).isGreaterThan(4 * Spectra.amplitude(env, FS, 0.73 * bpfo));
    assertThat(atBpfo).isGreaterThan(4 * Spectra.amplitude(env, FS, 1.37 * bpfo));
  }

  @Test
  void next_looseness_manyHarmonicsHalfOrdersAndTruncatedWaveform() {
    float[] s = generate(Condition.LOOSENESS, 6);
    float[] healthy = generate(Condition.HEALTHY, 6);
    double[] sy = y(s);
    int strong = 0;
    for (int k = 1; k <= 10; k++) {
      if (Spectra.amplitude(sy, FS, k * SHAFT) > 0.05) {
        strong++;
      }
    }
    assertThat(strong).isGreaterThanOrEqualTo(7);
    assertThat(Spectra.amplitude(sy, FS, 0.5 * SHAFT))
        .isGreaterThan(3 * Spectra.amplitude(y(healthy), FS, 0.5 * SHAFT));
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    for (double v : sy) {
      max = Math.max(max, v);
      min = Math.min(min, v);
    }
    assertThat(max).isLessThan(0.85 * -min); // clipped on the positive side only
  }

  @Test
  void shaftHz_changedMidStream_noJump() {
    VibrationSource source = new VibrationSource(MachineProfile.nominal(), 8, FS)
        .condition(Condition.IMBALANCE).noise(0);
    float[] a = new float[3 * 100];
    source.next(a, 100);
    source.shaftHz(30);
    float[] b = new float[3];
    source.next(b, 1);
    double step = Math.abs(b[0] - a[3 * 99]);
    // One sample at 10 kHz moves a <= 3 m/s2 25-30 Hz sine by at most 2*pi*30*3/10000 ~ 0.06.
    assertThat(step).isLessThan(0.1);
  }

  @Test
  void constructor_sampleRateOutOfRange_namesValue() {
    assertThatThrownBy(() -> VibrationSource.of(1, 500))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sampleRateHz").hasMessageContaining("500");
  }

  @Test
  void next_bufferTooSmall_rejected() {
    assertThatThrownBy(() -> VibrationSource.of(1, FS).next(new float[5], 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 frames");
  }

  @Test
  void condition_ofLabel_parsesLabelsAndNames() {
    assertThat(Condition.ofLabel("bearing_fault")).isEqualTo(Condition.BEARING_FAULT);
    assertThat(Condition.ofLabel("BEARING-FAULT")).isEqualTo(Condition.BEARING_FAULT);
    assertThat(Condition.ofIndex(4)).isEqualTo(Condition.LOOSENESS);
    assertThatThrownBy(() -> Condition.ofLabel("broken")).hasMessageContaining("'broken'");
  }
}
