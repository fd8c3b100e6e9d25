package io.edgeladder.controller.rollout;

import java.time.Duration;
import java.util.List;

/**
 * What a stage must show before the rollout goes on, read from the heartbeat KPIs of the stage's
 * agents over the soak window. Immutable; {@link RolloutPlan} validates it.
 *
 * @param maxMissRate highest deadline-miss rate (0..1) any stage agent may show
 * @param maxErrorRate highest error rate (0..1) any stage agent may show
 * @param maxP99Ratio highest ratio of a stage agent's p99 latency to the previous release's (from the
 *     agents not yet upgraded in the same window, else the agent's own pre-rollout p99), {@code null}
 *     to not gate on latency; at least 1
 * @param minHeartbeats heartbeats each stage agent must send per pipeline in the soak window before
 *     any gate is evaluated: fewer is "no data", which never passes
 * @param heartbeatTimeout how long after the soak time a stage may wait for missing heartbeats
 *     before the {@code heartbeats} gate fails
 */
public record Gates(
    double maxMissRate, double maxErrorRate, Double maxP99Ratio, int minHeartbeats,
    Duration heartbeatTimeout) {

  /** Adds every problem with these gates to {@code problems}, each naming the field. */
  void check(List<String> problems) {
    if (!(maxMissRate >= 0 && maxMissRate <= 1)) {
      problems.add("gates.maxMissRate must be in [0, 1] but was " + maxMissRate);
    }
    if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
      problems.add("gates.maxErrorRate must be in [0, 1] but was " + maxErrorRate);
    }
    if (maxP99Ratio != null && !(maxP99Ratio >= 1 && maxP99Ratio < Double.POSITIVE_INFINITY)) {
      problems.add("gates.maxP99Ratio must be a finite value >= 1 (or absent) but was " + maxP99Ratio);
    }
    if (minHeartbeats < 1) {
      problems.add("gates.minHeartbeats must be >= 1 but was " + minHeartbeats);
    }
    if (heartbeatTimeout == null || heartbeatTimeout.isNegative()) {
      problems.add("gates.heartbeatTimeout must be >= 0 but was " + heartbeatTimeout);
    }
  }
}
