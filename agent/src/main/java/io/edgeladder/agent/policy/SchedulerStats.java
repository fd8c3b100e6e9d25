package io.edgeladder.agent.policy;

/**
 * The pipeline scheduler's recent behaviour (since the previous policy tick).
 *
 * @param deadlineMissRate windows that missed or were shed for their deadline, fraction in [0, 1]
 * @param queueAgeMs age of the oldest queued window, milliseconds (>= 0)
 */
public record SchedulerStats(double deadlineMissRate, double queueAgeMs) {
  public SchedulerStats {
    if (!(deadlineMissRate >= 0 && deadlineMissRate <= 1)) {
      throw new IllegalArgumentException("policy scheduler.deadlineMissRate must be in [0, 1] but was " + deadlineMissRate);
    }
    if (!(queueAgeMs >= 0) || Double.isInfinite(queueAgeMs)) {
      throw new IllegalArgumentException("policy scheduler.queueAgeMs must be >= 0 but was " + queueAgeMs);
    }
  }

  public static SchedulerStats idle() {
    return new SchedulerStats(0, 0);
  }
}
