package io.edgeladder.protocol.fuzz;

/**
 * The fuzz pass in force: {@code short} in every build (a few thousand tries per property), {@code full}
 * with {@code -Pfuzz} or {@code -Dfuzz.mode=full} (the 10^6 tries in total; README "Fuzzing").
 */
public final class Fuzz {
  private Fuzz() {}

  /** Whether the full pass was asked for. */
  public static boolean full() {
    return "full".equalsIgnoreCase(System.getProperty("fuzz.mode", "short"));
  }

  /** {@code shortPass} tries normally, {@code fullPass} in the full pass. */
  public static int tries(int shortPass, int fullPass) {
    return full() ? fullPass : shortPass;
  }
}
