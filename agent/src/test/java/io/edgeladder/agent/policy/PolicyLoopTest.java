package io.edgeladder.agent.policy;

import io.edgeladder.agent.testing.RecordingTransport;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.protocol.AgentEvent;
import io.micrometer.core.instrument.MockClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PolicyLoopTest {
  private final MockClock clock = new MockClock();
  private final RecordingTransport transport = new RecordingTransport();
  private final List<String> swaps = new ArrayList<>();
  private final SwapRequester requester = (p, v, r) -> swaps.add(p + ":" + v);

  private static Supplier<PolicyInputs> inputs(String pipeline, String[] current) {
    return () -> new PolicyInputs(pipeline, current[0], Ladder.ALL, ResourceState.mains(4, 0), SchedulerStats.idle(),
        10, 50, null);
  }

  @Test
  void tick_switch_requestsSwapAndPublishesDecisionEvent() throws IOException {
    String[] current = {"int8"};
    PolicyLoop loop = new PolicyLoop("gw1", List.of(new PolicyLoop.Binding(new Policy(Sim.settings()), inputs("p1", current))),
        requester, transport, clock);

    loop.tick();

    assertThat(swaps).containsExactly("p1:fp32");
    assertThat(transport.published).hasSize(1);
    assertThat(transport.published.get(0).topic()).isEqualTo("fleet/gw1/events");
    AgentEvent e = AgentEvent.parse(transport.published.get(0).payload());
    assertThat(e.type()).isEqualTo("policy.decision");
    assertThat(e.pipeline()).isEqualTo("p1");
    assertThat(e.time()).isEqualTo(clock.wallTime());
    assertThat(e.details()).containsEntry("action", "SWITCH").containsEntry("current", "int8").containsEntry("target", "fp32");
    assertThat(e.details().get("reason")).asString().contains("step up");
    @SuppressWarnings("unchecked")
    Map<String, Object> in = (Map<String, Object>) e.details().get("inputs");
    assertThat(in).containsKeys("variants", "otherLoadCores", "deadlineMissRate");
    assertThat(loop.lastDecision("p1").target()).isEqualTo("fp32");
  }

  @Test
  void tick_hold_publishedWithoutSwap() throws IOException {
    String[] current = {"fp32"};
    PolicyLoop loop = new PolicyLoop("gw1", List.of(new PolicyLoop.Binding(new Policy(Sim.settings()), inputs("p1", current))),
        requester, transport, clock);

    loop.tick();

    assertThat(swaps).isEmpty();
    assertThat(AgentEvent.parse(transport.published.get(0).payload()).details()).containsEntry("action", "HOLD");
  }

  @Test
  void tick_inputsOrSwapThrow_countedOtherPipelinesAndLaterTicksGoOn() {
    AtomicInteger calls = new AtomicInteger();
    Supplier<PolicyInputs> flaky = () -> {
      if (calls.getAndIncrement() == 0) throw new IllegalStateException("probe garbage");
      return inputs("p1", new String[] {"fp32"}).get();
    };
    SwapRequester broken = (p, v, r) -> {
      throw new IllegalStateException("swap manager down");
    };
    PolicyLoop loop = new PolicyLoop("gw1", List.of(
        new PolicyLoop.Binding(new Policy(Sim.settings()), flaky),
        new PolicyLoop.Binding(new Policy(Sim.settings()), inputs("p2", new String[] {"tiny"}))), broken, transport, clock);

    loop.tick();
    assertThat(loop.failures()).isEqualTo(2); // p1's inputs, p2's swap request
    assertThat(loop.lastDecision("p2").target()).isEqualTo("fp32");

    loop.tick();
    assertThat(loop.lastDecision("p1").action()).isEqualTo(Decision.Action.HOLD);
    assertThat(loop.failures()).isEqualTo(2);
  }

  @Test
  void tick_whilePreviousTickRuns_skipped() {
    String[] current = {"int8"};
    PolicyLoop[] loop = new PolicyLoop[1];
    SwapRequester reentrant = (p, v, r) -> loop[0].tick(); // a tick that overlaps the running one
    loop[0] = new PolicyLoop("gw1", List.of(new PolicyLoop.Binding(new Policy(Sim.settings()), inputs("p1", current))),
        reentrant, transport, clock);

    loop[0].tick();

    assertThat(loop[0].skippedTicks()).isEqualTo(1);
    assertThat(transport.published).hasSize(1);
  }

  @Test
  @Timeout(10)
  void start_ticksOnSchedulerUntilClosed() throws InterruptedException {
    CountDownLatch threeTicks = new CountDownLatch(3);
    Supplier<PolicyInputs> counted = () -> {
      threeTicks.countDown();
      return inputs("p1", new String[] {"fp32"}).get();
    };
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    try (PolicyLoop loop = new PolicyLoop("gw1", List.of(new PolicyLoop.Binding(new Policy(Sim.settings()), counted)),
        requester, transport, clock).start(scheduler, Duration.ofMillis(5))) {
      assertThat(threeTicks.await(5, TimeUnit.SECONDS)).isTrue();
    } finally {
      scheduler.shutdownNow();
    }
  }
}
