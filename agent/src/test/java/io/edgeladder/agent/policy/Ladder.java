package io.edgeladder.agent.policy;

import io.edgeladder.agent.policy.profile.VariantProfile;
import io.edgeladder.agent.policy.profile.VariantProfile.EnergySource;
import java.util.List;

/**
 * A three-rung test ladder profiled on an idle 4-core device. At 50 windows/s and a 10 ms deadline
 * (limit 8 ms with the 20 % margin): fp32 6 ms / 0.50 W, int8 3 ms / 0.20 W, tiny 1 ms / 0.075 W.
 */
final class Ladder {
  static final Candidate FP32 = candidate("fp32", 0.95, 6.0, 0.010, '1');
  static final Candidate INT8 = candidate("int8", 0.93, 3.0, 0.004, '2');
  static final Candidate TINY = candidate("tiny", 0.88, 1.0, 0.0015, '3');
  static final List<Candidate> ALL = List.of(FP32, INT8, TINY);

  private Ladder() {}

  static Candidate candidate(String id, double accuracy, double p99Ms, double joules, char hash) {
    return new Candidate(id, accuracy, new VariantProfile(id, String.valueOf(hash).repeat(64), p99Ms * 0.7, p99Ms, 1,
        joules * 1e3 / 2.0, joules, EnergySource.CPU_MODEL, 0.0, 0L));
  }
}
