package io.edgeladder.simulator;

/**
 * What {@link DatasetWriter} generates.
 *
 * @param windowsPerClass windows written per condition (the set is balanced), > 0
 * @param windowSize frames per window, > 0
 * @param sampleRateHz sample rate, in [1000, 20000]
 * @param seed seeds machine instances and every segment
 * @param minShaftHz lowest shaft speed drawn per segment, Hz
 * @param maxShaftHz highest shaft speed drawn per segment, Hz
 * @param minNoise lowest noise standard deviation drawn per segment, m/s²
 * @param maxNoise highest noise standard deviation drawn per segment, m/s²
 * @param machines number of machine instances (resonance, gains, bearing geometry), > 0
 * @param windowsPerSegment consecutive windows cut from one continuous segment, > 0
 */
public record DatasetSpec(
    int windowsPerClass,
    int windowSize,
    double sampleRateHz,
    long seed,
    double minShaftHz,
    double maxShaftHz,
    double minNoise,
    double maxNoise,
    int machines,
    int windowsPerSegment) {

  public DatasetSpec {
    if (windowsPerClass <= 0) {
      throw new IllegalArgumentException("dataset.windowsPerClass must be > 0 but was " + windowsPerClass);
    }
    if (windowSize <= 0) {
      throw new IllegalArgumentException("dataset.windowSize must be > 0 but was " + windowSize);
    }
    if (!(sampleRateHz >= 1000 && sampleRateHz <= 20000)) {
      throw new IllegalArgumentException("dataset.sampleRateHz must be in [1000, 20000] but was " + sampleRateHz);
    }
    if (!(minShaftHz > 0 && minShaftHz <= maxShaftHz && maxShaftHz <= sampleRateHz / 20)) {
      throw new IllegalArgumentException("dataset.shaftHz must satisfy 0 < min <= max <= sampleRate/20 but was ["
          + minShaftHz + ", " + maxShaftHz + "]");
    }
    if (!(minNoise >= 0 && minNoise <= maxNoise)) {
      throw new IllegalArgumentException(
          "dataset.noise must satisfy 0 <= min <= max but was [" + minNoise + ", " + maxNoise + "]");
    }
    if (machines <= 0) {
      throw new IllegalArgumentException("dataset.machines must be > 0 but was " + machines);
    }
    if (windowsPerSegment <= 0) {
      throw new IllegalArgumentException("dataset.windowsPerSegment must be > 0 but was " + windowsPerSegment);
    }
  }

  /** Defaults: shaft 15-45 Hz, noise 0.02-0.3 m/s², 8 machine instances, 4 windows per segment. */
  public static DatasetSpec of(int windowsPerClass, int windowSize, double sampleRateHz, long seed) {
    return new DatasetSpec(windowsPerClass, windowSize, sampleRateHz, seed, 15, 45, 0.02, 0.3, 8, 4);
  }

  public DatasetSpec withMachines(int count) {
    return new DatasetSpec(windowsPerClass, windowSize, sampleRateHz, seed, minShaftHz, maxShaftHz,
        minNoise, maxNoise, count, windowsPerSegment);
  }

  public int count() {
    return windowsPerClass * Condition.values().length;
  }
}
