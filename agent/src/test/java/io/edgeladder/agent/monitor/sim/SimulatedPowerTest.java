package io.edgeladder.agent.monitor.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.edgeladder.agent.monitor.ResourceProbe;
import io.edgeladder.agent.monitor.ResourceSample;
import io.edgeladder.agent.monitor.ResourceSample.BatteryStatus;
import io.micrometer.core.instrument.MockClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedPowerTest {
  private final MockClock clock = new MockClock();
  // 1 Wh = 3600 J; idle 1 W, +2 W per busy core
  private final PowerModel model = new PowerModel(1.0, 0.5, 1.0, 2.0);

  private static HarvestTrace constant(double watts) {
    return HarvestTrace.of(new double[] {0, 1}, new double[] {watts, watts});
  }

  @Test
  void step_underLoad_drainsByLoadPower() {
    SimulatedPower p = SimulatedPower.of(model, HarvestTrace.none(), clock);
    clock.add(Duration.ofSeconds(300));
    ResourceSample.Power r = p.step(1.0); // 3 W for 300 s = 900 J = 0.25 Wh

    assertThat(r.batteryPercent()).isCloseTo(25, within(1e-9));
    assertThat(r.status()).isEqualTo(BatteryStatus.DISCHARGING);
    assertThat(r.watts()).isEqualTo(3.0);
    assertThat(r.energyJoules()).isCloseTo(900, within(1e-9));
    assertThat(r.source()).isEqualTo("simulated");
  }

  @Test
  void step_moreLoad_drainsFaster() {
    SimulatedPower idle = SimulatedPower.of(model, HarvestTrace.none(), clock);
    SimulatedPower busy = SimulatedPower.of(model, HarvestTrace.none(), clock);
    clock.add(Duration.ofSeconds(100));
    assertThat(busy.step(4).batteryPercent()).isLessThan(idle.step(0).batteryPercent());
  }

  @Test
  void step_pastEmpty_clampsAtZeroAndKeepsCountingEnergy() {
    SimulatedPower p = SimulatedPower.of(model, HarvestTrace.none(), clock);
    clock.add(Duration.ofSeconds(1000));
    ResourceSample.Power r = p.step(1.0); // 3000 J > the 1800 J left

    assertThat(r.batteryPercent()).isZero();
    assertThat(r.energyJoules()).isCloseTo(3000, within(1e-9));
    assertThat(r.status()).isEqualTo(BatteryStatus.DISCHARGING);
  }

  @Test
  void step_harvestAboveLoad_rechargesThenClampsFull() {
    SimulatedPower p = SimulatedPower.of(model, constant(10), clock);
    clock.add(Duration.ofSeconds(100));
    ResourceSample.Power r = p.step(0); // net +9 W for 100 s = 900 J = +25 %

    assertThat(r.batteryPercent()).isCloseTo(75, within(1e-9));
    assertThat(r.status()).isEqualTo(BatteryStatus.CHARGING);
    assertThat(r.harvestWatts()).isEqualTo(10);

    clock.add(Duration.ofSeconds(1000));
    r = p.step(0);
    assertThat(r.batteryPercent()).isEqualTo(100);
    assertThat(r.status()).isEqualTo(BatteryStatus.FULL);
  }

  @Test
  void step_harvestAveragedOverTheInterval_trapezoid() {
    // 0 W at t=0 rising to 10 W at t=100: 500 J harvested, 100 J drawn at idle
    SimulatedPower p = SimulatedPower.of(model, HarvestTrace.of(new double[] {0, 100, 200},
        new double[] {0, 10, 0}), clock);
    clock.add(Duration.ofSeconds(100));
    assertThat(p.step(0).batteryPercent()).isCloseTo(50 + 100 * 400 / 3600.0, within(1e-9));
  }

  @Test
  void probe_overBaseProbe_chargesMeasuredBusyCores() {
    ResourceProbe base = new ResourceProbe() {
      @Override
      public ResourceSample sample() {
        return new ResourceSample(clock.wallTime(), new ResourceSample.Cpu(50, 10, List.of(100.0, 0.0), 1, 1000),
            null, null, null, Map.of(ResourceSample.Section.MEMORY, "m", ResourceSample.Section.THERMAL, "t",
                ResourceSample.Section.POWER, "no battery"));
      }

      @Override
      public long problemCount() {
        return 7;
      }
    };
    SimulatedPowerProbe probe = new SimulatedPowerProbe(base, SimulatedPower.of(model, HarvestTrace.none(), clock));
    clock.add(Duration.ofSeconds(10));
    ResourceSample s = probe.sample();

    assertThat(s.power().watts()).isEqualTo(3.0); // 50 % of 2 cores = 1 busy core
    assertThat(s.absent()).doesNotContainKey(ResourceSample.Section.POWER).containsKey(ResourceSample.Section.MEMORY);
    assertThat(probe.problemCount()).isEqualTo(7);
  }

  @Test
  void powerModel_badValues_rejectedNamingTheKey() {
    assertThatThrownBy(() -> new PowerModel(0, 0.5, 1, 1)).hasMessage("power.batteryWh must be > 0 but was 0.0");
    assertThatThrownBy(() -> new PowerModel(1, 1.5, 1, 1)).hasMessageContaining("power.initialSoc must be in 0..1");
    assertThatThrownBy(() -> new PowerModel(1, 0.5, -1, 1)).hasMessageContaining("power.idleWatts");
    assertThatThrownBy(() -> new PowerModel(1, 0.5, 1, Double.NaN)).hasMessageContaining("power.wattsPerCore");
  }

  @Test
  void cpuHog_start_burnsUntilClosed() {
    try (CpuHog hog = CpuHog.start(1, Duration.ofMinutes(1))) {
      assertThat(hog.isRunning()).isTrue();
      hog.close();
      assertThat(hog.isRunning()).isFalse();
    }
    assertThatThrownBy(() -> CpuHog.start(0, Duration.ofSeconds(1))).hasMessageContaining("cores must be >= 1");
  }
}
