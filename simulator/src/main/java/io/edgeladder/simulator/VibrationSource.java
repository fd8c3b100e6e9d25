package io.edgeladder.simulator;

import java.util.SplittableRandom;

/**
 * A seeded, deterministic 3-axis accelerometer on a rotating machine, in m/s²: x and y radial, z axial.
 *
 * <p>The signal is a sum of shaft-order components (1x..10x and half orders), bearing impacts ringing a
 * structural resonance (a two-pole resonator driven by impulses at the outer-race fault frequency),
 * optional one-sided clipping and white Gaussian noise. All state (shaft angle, fault-impact phase,
 * resonator memory) carries over between calls of {@link #next}, so a stream cut into any block sizes
 * is the same stream. Changing {@link #condition(Condition) condition} or {@link #newSegment()} redraws
 * the segment's random amplitudes and phases; {@link #shaftHz(double) shaft speed} changes keep phase
 * continuity.
 *
 * <p>The same seed, profile, sample rate and call sequence always give bit-identical samples. Not
 * thread-safe: one thread generates.
 */
public final class VibrationSource {
  private static final double TWO_PI = 2 * Math.PI;

  private final MachineProfile profile;
  private final SplittableRandom rng;
  private final double sampleRateHz;
  private final Signature sig = new Signature();
  // Resonator y[n] = a1*y[n-1] - a2*y[n-2] + drive*impulse; peak response per unit impulse is ~1.
  private final double a1;
  private final double a2;
  private final double drive;

  private Condition condition = Condition.HEALTHY;
  private double shaftHz = 25.0;
  private double noise = 0.05;
  private double walkHzPerSqrtS;
  private double walkMinHz;
  private double walkMaxHz;
  /** Shaft angle in revolutions, kept in [0, 2) so the 0.5x component stays continuous. */
  private double revolutions;
  /** Fault-impact phase in impacts; an impact fires when it passes {@link #nextImpact}. */
  private double impactPhase;
  private double nextImpact = 1.0;
  private double y1;
  private double y2;
  private long frames;

  /**
   * @param profile the machine instance
   * @param seed seeds segment parameters, noise and impact jitter
   * @param sampleRateHz samples per second per axis, in [1000, 20000]
   */
  public VibrationSource(MachineProfile profile, long seed, double sampleRateHz) {
    if (profile == null) {
      throw new IllegalArgumentException("vibration source profile must not be null");
    }
    if (!(sampleRateHz >= 1000 && sampleRateHz <= 20000)) {
      throw new IllegalArgumentException(
          "vibration source sampleRateHz must be in [1000, 20000] but was " + sampleRateHz);
    }
    this.profile = profile;
    this.rng = new SplittableRandom(seed);
    this.sampleRateHz = sampleRateHz;
    double fn = Math.min(profile.resonanceHz(), 0.4 * sampleRateHz);
    double omega = TWO_PI * fn / sampleRateHz;
    double r = Math.exp(-profile.damping() * omega);
    this.a1 = 2 * r * Math.cos(omega);
    this.a2 = r * r;
    this.drive = Math.sin(omega);
    sig.draw(condition, profile, rng);
  }

  /** A random machine instance drawn from {@code seed}, generating at {@code sampleRateHz}. */
  public static VibrationSource of(long seed, double sampleRateHz) {
    SplittableRandom machines = new SplittableRandom(seed ^ 0x5DEECE66DL);
    return new VibrationSource(MachineProfile.random(machines), seed, sampleRateHz);
  }

  /** Switches condition and draws a new segment (fresh severity and phases). */
  public VibrationSource condition(Condition next) {
    if (next == null) {
      throw new IllegalArgumentException("vibration source condition must not be null");
    }
    condition = next;
    sig.draw(condition, profile, rng);
    return this;
  }

  public Condition condition() {
    return condition;
  }

  /** Redraws the random amplitudes and phases of the current condition. */
  public VibrationSource newSegment() {
    sig.draw(condition, profile, rng);
    return this;
  }

  /** Sets the shaft speed in Hz (revolutions per second), in (0, sampleRate / 20]. */
  public VibrationSource shaftHz(double hz) {
    if (!(hz > 0 && hz <= sampleRateHz / 20)) {
      throw new IllegalArgumentException(
          "vibration source shaftHz must be in (0, " + sampleRateHz / 20 + "] but was " + hz);
    }
    shaftHz = hz;
    return this;
  }

  public double shaftHz() {
    return shaftHz;
  }

  /** Sets the white-noise standard deviation per axis, m/s², >= 0. */
  public VibrationSource noise(double sigma) {
    if (!(sigma >= 0)) {
      throw new IllegalArgumentException("vibration source noise must be >= 0 but was " + sigma);
    }
    noise = sigma;
    return this;
  }

  /**
   * Lets the shaft speed wander as a random walk, reflected into [minHz, maxHz]; 0 turns it off.
   *
   * @param hzPerSqrtSecond standard deviation of the speed change after one second, Hz
   */
  public VibrationSource speedWalk(double hzPerSqrtSecond, double minHz, double maxHz) {
    if (!(hzPerSqrtSecond >= 0) || !(minHz > 0 && minHz <= maxHz && maxHz <= sampleRateHz / 20)) {
      throw new IllegalArgumentException("vibration source speedWalk must have sigma >= 0 and 0 < min <= max <= "
          + sampleRateHz / 20 + " but was sigma=" + hzPerSqrtSecond + " min=" + minHz + " max=" + maxHz);
    }
    walkHzPerSqrtS = hzPerSqrtSecond;
    walkMinHz = minHz;
    walkMaxHz = maxHz;
    return this;
  }

  public double sampleRateHz() {
    return sampleRateHz;
  }

  public MachineProfile profile() {
    return profile;
  }

  /** Frames generated since construction. */
  public long framesGenerated() {
    return frames;
  }

  /**
   * Fills {@code frames} frames, interleaved {@code x, y, z} per frame, from index 0.
   *
   * @return frames written
   * @throws IllegalArgumentException when {@code interleaved} holds fewer than {@code 3 * frames}
   */
  public int next(float[] interleaved, int frames) {
    if (frames < 0 || interleaved.length < 3 * frames) {
      throw new IllegalArgumentException("vibration source needs room for " + frames
          + " frames (" + 3L * frames + " floats) but the buffer holds " + interleaved.length);
    }
    walkSpeed(frames);
    final double step = shaftHz / sampleRateHz;
    final double impactStep = step * profile.bpfoOrder();
    final Signature s = sig;
    final int harmonics = s.harmonics;
    final int halves = s.halves;
    for (int i = 0; i < frames; i++) {
      double angle = TWO_PI * revolutions;
      double c1 = Math.cos(angle);
      double s1 = Math.sin(angle);
      double x = 0;
      double y = 0;
      double z = 0;
      double ck = c1;
      double sk = s1;
      for (int k = 0; k < harmonics; k++) {
        x += s.sinCoef[k] * sk + s.cosCoef[k] * ck;
        y += s.sinCoef[Signature.HARMONICS + k] * sk + s.cosCoef[Signature.HARMONICS + k] * ck;
        z += s.sinCoef[2 * Signature.HARMONICS + k] * sk + s.cosCoef[2 * Signature.HARMONICS + k] * ck;
        double nextC = ck * c1 - sk * s1;
        sk = sk * c1 + ck * s1;
        ck = nextC;
      }
      if (halves > 0) {
        double ch = Math.cos(angle / 2);
        double sh = Math.sin(angle / 2);
        for (int j = 0; j < halves; j++) {
          x += s.halfSin[j] * sh + s.halfCos[j] * ch;
          y += s.halfSin[Signature.HALVES + j] * sh + s.halfCos[Signature.HALVES + j] * ch;
          z += s.halfSin[2 * Signature.HALVES + j] * sh + s.halfCos[2 * Signature.HALVES + j] * ch;
          double nextC = ch * c1 - sh * s1;
          sh = sh * c1 + ch * s1;
          ch = nextC;
        }
      }
      double impulse = 0;
      if (s.impulseAmplitude > 0) {
        impactPhase += impactStep;
        if (impactPhase >= nextImpact) {
          impactPhase -= nextImpact;
          nextImpact = 1.0 + s.impulseJitter * rng.nextGaussian();
          impulse = s.impulseAmplitude * (1 + s.impulseModulation * c1) * drive;
        }
      }
      double ring = a1 * y1 - a2 * y2 + impulse;
      y2 = y1;
      y1 = ring;
      x = Math.min(x + s.impulseGain[0] * ring, s.clipHigh[0]);
      y = Math.min(y + s.impulseGain[1] * ring, s.clipHigh[1]);
      z = Math.min(z + s.impulseGain[2] * ring, s.clipHigh[2]);
      int o = 3 * i;
      interleaved[o] = (float) (x + noise * rng.nextGaussian());
      interleaved[o + 1] = (float) (y + noise * rng.nextGaussian());
      interleaved[o + 2] = (float) (z + noise * rng.nextGaussian());
      revolutions += step;
      if (revolutions >= 2) {
        revolutions -= 2;
      }
    }
    this.frames += frames;
    return frames;
  }

  private void walkSpeed(int frames) {
    if (walkHzPerSqrtS <= 0 || frames == 0) {
      return;
    }
    double hz = shaftHz + walkHzPerSqrtS * Math.sqrt(frames / sampleRateHz) * rng.nextGaussian();
    if (hz > walkMaxHz) {
      hz = 2 * walkMaxHz - hz;
    }
    if (hz < walkMinHz) {
      hz = 2 * walkMinHz - hz;
    }
    shaftHz = Math.max(walkMinHz, Math.min(walkMaxHz, hz));
  }
}
