package io.edgeladder.controller.variants.evaluate;

/**
 * How the evaluator runs models. Latency is measured with one session per model, batch 1,
 * sequentially on the calling thread: {@code warmupRuns} untimed runs, then {@code timedRuns} timed
 * runs on the golden input. ORT settings follow the agent's defaults: sequential execution, all graph
 * optimisations, no thread spinning, one inter-op thread, {@code intraOpThreads} intra-op threads.
 *
 * @param intraOpThreads ORT intra-op threads (1 keeps figures comparable across hosts)
 * @param warmupRuns untimed runs before timing (lets the arena and caches settle)
 * @param timedRuns timed runs p50/p99 are taken over
 * @param goldenIndex validation window used as the golden input and for latency
 */
public record EvaluationSettings(int intraOpThreads, int warmupRuns, int timedRuns, int goldenIndex) {

  public EvaluationSettings {
    if (intraOpThreads <= 0) {
      throw new IllegalArgumentException("evaluation intraOpThreads must be > 0 but was " + intraOpThreads);
    }
    if (warmupRuns < 0) throw new IllegalArgumentException("evaluation warmupRuns must be >= 0 but was " + warmupRuns);
    if (timedRuns <= 0) throw new IllegalArgumentException("evaluation timedRuns must be > 0 but was " + timedRuns);
    if (goldenIndex < 0) throw new IllegalArgumentException("evaluation goldenIndex must be >= 0 but was " + goldenIndex);
  }

  /** 1 thread, 200 warm-up runs, 2000 timed runs, golden window 0. */
  public static EvaluationSettings ofDefaults() {
    return new EvaluationSettings(1, 200, 2000, 0);
  }

  public EvaluationSettings withRuns(int warmup, int timed) {
    return new EvaluationSettings(intraOpThreads, warmup, timed, goldenIndex);
  }
}
