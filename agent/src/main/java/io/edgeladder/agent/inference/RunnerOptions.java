package io.edgeladder.agent.inference;

/**
 * How a model session runs on this device.
 *
 * @param intraOpThreads threads inside one operator (1 on small gateways)
 * @param interOpThreads threads across operators (1: sequential execution)
 * @param spinning whether idle ORT threads spin (burns a core; off by default)
 * @param optimization graph optimisation level
 */
public record RunnerOptions(int intraOpThreads, int interOpThreads, boolean spinning, Optimization optimization) {
  public enum Optimization { NONE, BASIC, EXTENDED, ALL }

  public RunnerOptions {
    if (intraOpThreads < 1) throw new IllegalArgumentException("intraOpThreads must be >= 1 but was " + intraOpThreads);
    if (interOpThreads < 1) throw new IllegalArgumentException("interOpThreads must be >= 1 but was " + interOpThreads);
    if (optimization == null) throw new IllegalArgumentException("optimization must be set");
  }

  public static RunnerOptions ofDefaults() {
    return new RunnerOptions(1, 1, false, Optimization.ALL);
  }
}
