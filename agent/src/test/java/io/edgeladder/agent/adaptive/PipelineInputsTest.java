package io.edgeladder.agent.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.agent.pipeline.PipelineHarness;
import io.edgeladder.agent.policy.Bounds;
import io.edgeladder.agent.policy.Candidate;
import io.edgeladder.agent.policy.PolicyInputs;
import io.edgeladder.agent.policy.profile.VariantProfile;
import io.micrometer.core.instrument.MockClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PipelineInputsTest {
  private static final List<Candidate> LADDER = List.of(new Candidate("base", 0.95, new VariantProfile("base",
      "a".repeat(64), 0.5, 0.8, 1, 0.5, 0.001, VariantProfile.EnergySource.CPU_MODEL, 0, 0)));

  @Test
  void get_windowsBetweenTicks_rateFromCountersAndMainsWithoutMonitor() throws Exception {
    MockClock clock = new MockClock();
    try (PipelineHarness h = new PipelineHarness(1, 16, 1000, clock)) {
      PipelineInputs inputs = new PipelineInputs(h.pipeline(), LADDER, Bounds.none(), null, () -> 12.5, clock);

      PolicyInputs first = inputs.get();
      serve(h, 0, 4);
      clock.add(Duration.ofSeconds(2));
      PolicyInputs second = inputs.get();
      clock.add(Duration.ofSeconds(1));
      PolicyInputs idle = inputs.get();

      assertThat(first.windowRateHz()).isZero();
      assertThat(first.currentVariant()).isEqualTo("base");
      assertThat(second.windowRateHz()).isEqualTo(2.0);
      assertThat(second.scheduler().deadlineMissRate()).isZero();
      assertThat(second.scheduler().queueAgeMs()).isEqualTo(12.5);
      assertThat(second.deadlineMs()).isEqualTo(1000);
      assertThat(second.resources().batteryLevel()).as("no monitor: mains, no energy limit").isNull();
      assertThat(second.resources().cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
      assertThat(idle.windowRateHz()).as("one idle interval keeps the recent peak").isEqualTo(2.0);
      PolicyInputs later = idle;
      for (int i = 1; i < PipelineInputs.RATE_TICKS; i++) {
        clock.add(Duration.ofSeconds(1));
        later = inputs.get();
      }
      assertThat(later.windowRateHz()).as("idle for " + PipelineInputs.RATE_TICKS + " intervals").isZero();
    }
  }

  @Test
  void get_cardModelServesAsBase_reportedAsTheLadderRungWithTheSameBytes() throws Exception {
    MockClock clock = new MockClock();
    try (PipelineHarness h = new PipelineHarness(1, 16, 1000, clock)) {
      String sha = h.pipeline().active().sha256();
      VariantProfile same = new VariantProfile("fp32", sha, 0.5, 0.8, 1, 0.5, 0.001,
          VariantProfile.EnergySource.CPU_MODEL, 0, 0);
      List<Candidate> ladder = List.of(new Candidate("fp32", 0.81, same), LADDER.get(0));
      PipelineInputs byBytes = new PipelineInputs(h.pipeline(), List.of(ladder.get(0)), Bounds.none(), null,
          () -> 0, clock);
      PipelineInputs byId = new PipelineInputs(h.pipeline(), ladder, Bounds.none(), null, () -> 0, clock);

      assertThat(h.pipeline().active().id()).isEqualTo("base");
      assertThat(byBytes.servingId()).isEqualTo("fp32");
      assertThat(byBytes.get().currentVariant()).as("no swap just to rename the card model").isEqualTo("fp32");
      assertThat(byId.servingId()).as("an id the ladder has wins").isEqualTo("base");
      List<Candidate> other = List.of(new Candidate("qat", 0.79, new VariantProfile("qat", "b".repeat(64), 0.2, 0.4,
          1, 0.2, 0.0005, VariantProfile.EnergySource.CPU_MODEL, 0, 0)));
      assertThat(new PipelineInputs(h.pipeline(), other, Bounds.none(), null, () -> 0, clock).servingId())
          .as("neither id nor bytes in the ladder").isEqualTo("base");
    }
  }

  private static void serve(PipelineHarness h, int from, int count) throws InterruptedException {
    for (int i = from; i < from + count; i++) {
      h.feed(i);
      assertThat(h.scheduler().runOnce(0, 0, TimeUnit.MILLISECONDS)).isTrue();
    }
  }
}
