package io.edgeladder.simulator;

import java.util.SplittableRandom;

/**
 * What makes one simulated machine differ from another of the same type: the structural resonance the
 * bearing impulses excite, the bearing geometry and how the sensor is mounted.
 *
 * @param resonanceHz structural resonance excited by bearing impacts, Hz (capped below Nyquist at use)
 * @param damping damping ratio of that resonance, (0, 0.5)
 * @param bpfoOrder outer-race fault frequency as a multiple of shaft speed (BPFO / f_r)
 * @param gainX sensitivity of the x (radial) axis relative to nominal, > 0
 * @param gainY sensitivity of the y (radial) axis relative to nominal, > 0
 * @param gainZ sensitivity of the z (axial) axis relative to nominal, > 0
 */
public record MachineProfile(
    double resonanceHz, double damping, double bpfoOrder, double gainX, double gainY, double gainZ) {

  public MachineProfile {
    if (!(resonanceHz > 0)) {
      throw new IllegalArgumentException("machine.resonanceHz must be > 0 but was " + resonanceHz);
    }
    if (!(damping > 0 && damping < 0.5)) {
      throw new IllegalArgumentException("machine.damping must be in (0, 0.5) but was " + damping);
    }
    if (!(bpfoOrder > 1)) {
      throw new IllegalArgumentException("machine.bpfoOrder must be > 1 but was " + bpfoOrder);
    }
    if (!(gainX > 0 && gainY > 0 && gainZ > 0)) {
      throw new IllegalArgumentException(
          "machine gains must be > 0 but were " + gainX + ", " + gainY + ", " + gainZ);
    }
  }

  /** A nominal machine: 3 kHz resonance, 5 % damping, BPFO = 3.58 x, unit gains. */
  public static MachineProfile nominal() {
    return new MachineProfile(3000, 0.05, 3.58, 1, 1, 1);
  }

  /**
   * A random machine instance: resonance 2-4 kHz, damping 3-8 %, BPFO order 3.2-4.0, gains 0.8-1.25.
   */
  public static MachineProfile random(SplittableRandom rng) {
    return new MachineProfile(
        rng.nextDouble(2000, 4000),
        rng.nextDouble(0.03, 0.08),
        rng.nextDouble(3.2, 4.0),
        rng.nextDouble(0.8, 1.25),
        rng.nextDouble(0.8, 1.25),
        rng.nextDouble(0.8, 1.25));
  }
}
