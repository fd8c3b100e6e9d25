package io.edgeladder.agent.swap;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.protocol.InferenceResult;
import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Swaps back and forth while real inference workers serve a steady stream: every window is served
 * exactly once, on the variant that was active when its run started, and no run hits a closed session.
 */
@Timeout(180)
class SwapUnderLoadIT {
  private static final int WINDOWS = 3000;
  private static final int QUEUE = 256;

  @ParameterizedTest(name = "{0} worker(s)")
  @ValueSource(ints = {1, 2})
  void swap_underLoad_noWindowLostDuplicatedOrReordered(int workers) throws Exception {
    try (SwapFixture f = new SwapFixture(workers, QUEUE, 2000, Clock.SYSTEM,
        new SwapSettings(5, Duration.ofSeconds(10), Duration.ZERO, 0.05, 1))) {
      VariantSpec base = SwapFixture.spec("base", SwapFixture.BASE);
      VariantSpec tiny = SwapFixture.spec("tiny", SwapFixture.OTHER);
      f.harness.scheduler().start();
      AtomicBoolean fed = new AtomicBoolean();
      Thread feeder = new Thread(() -> {
        // The transport's receive thread: the only caller of onMessage. Keeps the queue below capacity so
        // nothing is shed for space; windows keep arriving during every swap.
        for (int i = 0; i < WINDOWS; i++) {
          while (f.harness.scheduler().queued() > QUEUE / 2) {
            LockSupport.parkNanos(100_000);
          }
          f.harness.feed(i);
          LockSupport.parkNanos(200_000);
        }
        fed.set(true);
      }, "feeder");
      feeder.start();

      List<SwapOutcome> outcomes = new ArrayList<>();
      for (int k = 0; !fed.get(); k++) {
        SwapOutcome o = f.swaps.swap("pump-1", k % 2 == 0 ? tiny : base).get(60, TimeUnit.SECONDS);
        assertThat(o.succeeded()).as(String.valueOf(o)).isTrue();
        assertThat(o.reason()).as("drained and closed in time").isNull();
        outcomes.add(o);
      }
      feeder.join(TimeUnit.SECONDS.toMillis(60));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (f.harness.results().size() < WINDOWS && System.nanoTime() < deadline) {
        LockSupport.parkNanos(10_000_000);
      }

      List<InferenceResult> rs = f.harness.results();
      List<Long> seqs = rs.stream().map(InferenceResult::seq).toList();
      assertThat(outcomes).as("swaps while the stream ran").hasSizeGreaterThanOrEqualTo(4);
      assertThat(f.harness.shedTotal()).as("windows shed").isZero();
      assertThat(f.harness.inferenceFailures()).as("runs failed (e.g. on a closed session)").isZero();
      assertThat(seqs).as("every window exactly once").hasSize(WINDOWS)
          .containsExactlyInAnyOrderElementsOf(LongStream.range(0, WINDOWS).boxed().toList());
      Map<String, String> shaById = Map.of("base", base.sha256(), "tiny", tiny.sha256());
      assertThat(rs).allSatisfy(r -> assertThat(r.sha256()).isEqualTo(shaById.get(r.variant())));
      assertThat(rs.stream().map(InferenceResult::variant).collect(Collectors.toSet()))
          .containsExactlyInAnyOrder("base", "tiny");
      if (workers == 1) {
        // One worker: publish order is window order, and the variant changes only at swaps.
        assertThat(seqs).isSorted();
        int changes = 0;
        for (int i = 1; i < rs.size(); i++) {
          if (!rs.get(i).variant().equals(rs.get(i - 1).variant())) {
            changes++;
          }
        }
        assertThat(changes).isBetween(1, outcomes.size());
      }
      long maxFlip = outcomes.stream().mapToLong(SwapOutcome::flipNanos).max().orElse(0);
      long maxDrain = outcomes.stream().mapToLong(SwapOutcome::drainNanos).max().orElse(0);
      System.out.printf("SwapUnderLoadIT[%d workers]: %d swaps over %d windows; flip max %d us, drain max %d us%n",
          workers, outcomes.size(), WINDOWS, maxFlip / 1000, maxDrain / 1000);
    }
  }
}
