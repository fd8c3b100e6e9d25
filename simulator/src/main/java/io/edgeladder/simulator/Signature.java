package io.edgeladder.simulator;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The randomised parameters of one segment of one condition: shaft-harmonic coefficients per axis,
 * bearing impulse settings and clipping. Redrawn whenever the condition changes or a new segment
 * starts, so two segments of the same condition never look identical. Mutable, owned by one
 * {@link VibrationSource}; not thread-safe.
 */
final class Signature {
  static final int AXES = 3;
  /** Harmonics 1x..10x of shaft speed. */
  static final int HARMONICS = 10;
  /** Half-order components 0.5x, 1.5x, 2.5x, 3.5x. */
  static final int HALVES = 4;

  // Coefficients of sin(k*angle) and cos(k*angle), index axis * HARMONICS + (k - 1).
  final double[] sinCoef = new double[AXES * HARMONICS];
  final double[] cosCoef = new double[AXES * HARMONICS];
  final double[] halfSin = new double[AXES * HALVES];
  final double[] halfCos = new double[AXES * HALVES];
  final double[] impulseGain = new double[AXES];
  /** Upper clip level per axis (truncated waveform of a loose machine); +inf when not clipped. */
  final double[] clipHigh = new double[AXES];
  int harmonics;
  int halves;
  double impulseAmplitude;
  double impulseJitter;
  double impulseModulation;

  void draw(Condition condition, MachineProfile m, SplittableRandom rng) {
    Arrays.fill(sinCoef, 0);
    Arrays.fill(cosCoef, 0);
    Arrays.fill(halfSin, 0);
    Arrays.fill(halfCos, 0);
    Arrays.fill(impulseGain, 0);
    Arrays.fill(clipHigh, Double.POSITIVE_INFINITY);
    harmonics = 3;
    halves = 0;
    impulseAmplitude = 0;
    impulseJitter = 0;
    impulseModulation = 0;
    baseline(rng);
    switch (condition) {
      case HEALTHY -> { }
      case IMBALANCE -> imbalance(rng);
      case MISALIGNMENT -> misalignment(rng);
      case BEARING_FAULT -> bearing(rng);
      case LOOSENESS -> looseness(rng);
    }
    scaleAxis(0, m.gainX());
    scaleAxis(1, m.gainY());
    scaleAxis(2, m.gainZ());
  }

  /** Every machine: a small residual 1x, weaker 2x/3x, a little axial motion. */
  private void baseline(SplittableRandom rng) {
    for (int axis = 0; axis < 2; axis++) {
      add(axis, 1, rng.nextDouble(0.05, 0.3), rng);
      add(axis, 2, rng.nextDouble(0.02, 0.1), rng);
      add(axis, 3, rng.nextDouble(0.0, 0.05), rng);
    }
    add(2, 1, rng.nextDouble(0.02, 0.1), rng);
    add(2, 2, rng.nextDouble(0.01, 0.05), rng);
  }

  /** Strong once-per-revolution force rotating with the shaft: x and y 90 degrees apart, axial weak. */
  private void imbalance(SplittableRandom rng) {
    double a = rng.nextDouble(0.8, 3.0);
    double phase = rng.nextDouble(0, 2 * Math.PI);
    double quadrature = Math.PI / 2 + rng.nextDouble(-0.2, 0.2);
    addPhased(0, 1, a, phase);
    addPhased(1, 1, a * rng.nextDouble(0.7, 1.3), phase + quadrature);
    add(2, 1, a * rng.nextDouble(0.05, 0.2), rng);
  }

  /** Coupling misalignment: strong 2x, some 1x, and high axial vibration at 1x and 2x. */
  private void misalignment(SplittableRandom rng) {
    double b = rng.nextDouble(0.6, 2.0);
    for (int axis = 0; axis < 2; axis++) {
      add(axis, 2, b * rng.nextDouble(0.8, 1.2), rng);
      add(axis, 1, rng.nextDouble(0.3, 1.0), rng);
      add(axis, 3, b * rng.nextDouble(0.1, 0.3), rng);
    }
    add(2, 1, b * rng.nextDouble(0.5, 1.5), rng);
    add(2, 2, b * rng.nextDouble(0.7, 1.5), rng);
  }

  /** Outer-race defect: an impact per ball pass, each ringing the structure; load-zone modulation. */
  private void bearing(SplittableRandom rng) {
    impulseAmplitude = rng.nextDouble(1.5, 5.0);
    impulseJitter = rng.nextDouble(0.005, 0.02);
    impulseModulation = rng.nextDouble(0.1, 0.4);
    impulseGain[0] = rng.nextDouble(0.6, 1.0);
    impulseGain[1] = rng.nextDouble(0.6, 1.0);
    impulseGain[2] = rng.nextDouble(0.2, 0.5);
  }

  /** Mechanical looseness: rich 1x..10x and half-order series, waveform truncated on one side. */
  private void looseness(SplittableRandom rng) {
    harmonics = HARMONICS;
    halves = HALVES;
    double level = rng.nextDouble(0.4, 1.2);
    for (int axis = 0; axis < AXES; axis++) {
      double axisLevel = axis == 2 ? level * rng.nextDouble(0.2, 0.4) : level;
      for (int k = 1; k <= HARMONICS; k++) {
        add(axis, k, axisLevel * rng.nextDouble(0.4, 1.0) / Math.sqrt(k), rng);
      }
      for (int j = 0; j < HALVES; j++) {
        double a = axisLevel * rng.nextDouble(0.2, 0.6);
        double phase = rng.nextDouble(0, 2 * Math.PI);
        halfSin[axis * HALVES + j] = a * Math.cos(phase);
        halfCos[axis * HALVES + j] = a * Math.sin(phase);
      }
    }
    for (int axis = 0; axis < 2; axis++) {
      clipHigh[axis] = rng.nextDouble(0.8, 1.3) * rms(axis);
    }
  }

  /** RMS of the axis' periodic part; a multi-tone with random phases peaks near 3x this. */
  private double rms(int axis) {
    double sum = 0;
    for (int k = 0; k < HARMONICS; k++) {
      sum += sq(sinCoef[axis * HARMONICS + k]) + sq(cosCoef[axis * HARMONICS + k]);
    }
    for (int j = 0; j < HALVES; j++) {
      sum += sq(halfSin[axis * HALVES + j]) + sq(halfCos[axis * HALVES + j]);
    }
    return Math.sqrt(sum / 2);
  }

  private static double sq(double v) {
    return v * v;
  }

  private void add(int axis, int order, double amplitude, SplittableRandom rng) {
    addPhased(axis, order, amplitude, rng.nextDouble(0, 2 * Math.PI));
  }

  /** Adds {@code amplitude * sin(order * angle + phase)} to the axis. */
  private void addPhased(int axis, int order, double amplitude, double phase) {
    int i = axis * HARMONICS + order - 1;
    sinCoef[i] += amplitude * Math.cos(phase);
    cosCoef[i] += amplitude * Math.sin(phase);
  }

  private void scaleAxis(int axis, double gain) {
    for (int k = 0; k < HARMONICS; k++) {
      sinCoef[axis * HARMONICS + k] *= gain;
      cosCoef[axis * HARMONICS + k] *= gain;
    }
    for (int j = 0; j < HALVES; j++) {
      halfSin[axis * HALVES + j] *= gain;
      halfCos[axis * HALVES + j] *= gain;
    }
    impulseGain[axis] *= gain;
    clipHigh[axis] *= gain;
  }
}
