package io.edgeladder.agent.policy;

import io.micrometer.core.instrument.MockClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives one policy on a manual clock; a switch takes effect at once (the swap is another package's job),
 * so the next tick sees the target as current.
 */
final class Sim {
  final MockClock clock = new MockClock();
  final Policy policy;
  final List<Decision> switches = new ArrayList<>();
  final List<Decision> all = new ArrayList<>();
  String current;
  ResourceState resources = ResourceState.mains(4, 0);
  SchedulerStats scheduler = SchedulerStats.idle();
  Bounds bounds = Bounds.none();
  double deadlineMs = 10;
  double rateHz = 50;

  Sim(PolicySettings settings, String current) {
    this.policy = new Policy(settings);
    this.current = current;
  }

  static PolicySettings settings() {
    return new PolicySettings(0.2, 0.15, Duration.ofSeconds(30), 0.05, 1.0, 0.5);
  }

  static ResourceState battery(double level) {
    return new ResourceState(4, 0, level, false, 0);
  }

  Decision tick() {
    Decision d = policy.decide(new PolicyInputs("p1", current, Ladder.ALL, resources, scheduler, deadlineMs, rateHz,
        bounds), clock.monotonicTime());
    all.add(d);
    if (d.isSwitch()) {
      switches.add(d);
      current = d.target();
    }
    return d;
  }

  Decision after(Duration step) {
    clock.add(step.toNanos(), TimeUnit.NANOSECONDS);
    return tick();
  }

  List<String> switchTargets() {
    return switches.stream().map(Decision::target).toList();
  }
}
