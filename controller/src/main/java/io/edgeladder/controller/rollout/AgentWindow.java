package io.edgeladder.controller.rollout;

/**
 * One agent's KPIs over a window, across its pipelines that run the rollout's model: plain means of
 * the per-heartbeat rates.
 *
 * @param minSamples heartbeats of the pipeline with the fewest in the window (0 when the agent or
 *     its pipelines are unknown)
 * @param p99Ms mean of the non-zero p99 samples, {@link Double#NaN} when no heartbeat had a result
 */
record AgentWindow(String agentId, int minSamples, double missRate, double errorRate, double p99Ms) {

  static AgentWindow empty(String agentId) {
    return new AgentWindow(agentId, 0, 0, 0, Double.NaN);
  }

  boolean hasLatency() {
    return !Double.isNaN(p99Ms) && p99Ms > 0;
  }
}
