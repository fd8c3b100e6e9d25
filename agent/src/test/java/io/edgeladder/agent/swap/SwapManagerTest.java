package io.edgeladder.agent.swap;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.protocol.InferenceResult;
import io.micrometer.core.instrument.MockClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class SwapManagerTest {
  private static final int DEADLINE_MS = 50;
  private final MockClock clock = new MockClock();
  private SwapFixture f;

  @AfterEach
  void close() {
    if (f != null) {
      f.close();
    }
  }

  private SwapFixture fixture(Duration probation) throws Exception {
    f = new SwapFixture(1, 64, DEADLINE_MS, clock, new SwapSettings(3, Duration.ofSeconds(10), probation, 0.2, 10));
    return f;
  }

  /** Feeds windows {@code from..to-1} and serves them all on worker 0 by hand. */
  private void serve(int from, int to) throws InterruptedException {
    for (int i = from; i < to; i++) {
      f.harness.feed(i);
    }
    while (f.harness.scheduler().runOnce(0, 0, TimeUnit.MILLISECONDS)) {
      // drive the worker by hand
    }
  }

  private String baseSha() throws Exception {
    return SwapFixture.spec("base", SwapFixture.BASE).sha256();
  }

  @Test
  void swap_validVariant_switchesBetweenWindowsWithoutLossAndResultsCarryNewSha() throws Exception {
    fixture(Duration.ZERO);
    VariantSpec other = SwapFixture.spec("tiny", SwapFixture.OTHER);
    serve(0, 10);
    // Windows queued while the swap prepares are served afterwards, by whichever variant is active then.
    SwapOutcome o = f.swaps.swap("pump-1", other).get(60, TimeUnit.SECONDS);
    serve(10, 20);

    assertThat(o.succeeded()).as(String.valueOf(o)).isTrue();
    assertThat(o.from()).isEqualTo("base");
    assertThat(o.to()).isEqualTo("tiny");
    List<InferenceResult> rs = f.harness.results();
    assertThat(rs).extracting(InferenceResult::seq).containsExactlyElementsOf(
        java.util.stream.LongStream.range(0, 20).boxed().toList());
    assertThat(rs.subList(0, 10)).allSatisfy(r -> {
      assertThat(r.variant()).isEqualTo("base");
      assertThat(r.sha256()).isEqualTo(baseSha());
    });
    assertThat(rs.subList(10, 20)).allSatisfy(r -> {
      assertThat(r.variant()).isEqualTo("tiny");
      assertThat(r.sha256()).isEqualTo(other.sha256());
    });
    assertThat(f.harness.pipeline().active().id()).isEqualTo("tiny");
    assertThat(f.swaps.state("pump-1")).isEqualTo(SwapState.ACTIVE);
    assertThat(f.eventTypes()).containsExactly("swap.started", "swap.completed");
  }

  @Test
  void swap_truncatedFile_failsAndOldVariantKeepsServing() throws Exception {
    fixture(Duration.ZERO);
    String sha = VariantPreparer.sha256(SwapFixture.TRUNCATED, "");
    VariantSpec bad = new VariantSpec("broken", SwapFixture.TRUNCATED, sha, SwapFixture.goldenInput(),
        new float[5], 1e-4f);
    assertFailedAndOldServes(bad, "does not load");
  }

  @Test
  void swap_twoInputModel_failsWithSignatureReason() throws Exception {
    fixture(Duration.ZERO);
    String sha = VariantPreparer.sha256(SwapFixture.TWO_INPUTS, "");
    VariantSpec bad = new VariantSpec("two", SwapFixture.TWO_INPUTS, sha, SwapFixture.goldenInput(),
        new float[5], 1e-4f);
    assertFailedAndOldServes(bad, "input");
  }

  @Test
  void swap_shaMismatch_failsBeforeLoading() throws Exception {
    fixture(Duration.ZERO);
    VariantSpec good = SwapFixture.spec("tiny", SwapFixture.OTHER);
    VariantSpec wrongSha = new VariantSpec("tiny", good.file(), "0".repeat(64), good.goldenInput(),
        good.goldenOutput(), good.tolerance());
    assertFailedAndOldServes(wrongSha, "sha256 is " + good.sha256());
  }

  @Test
  void swap_goldenMismatch_failsWithElementAndTolerance() throws Exception {
    fixture(Duration.ZERO);
    VariantSpec good = SwapFixture.spec("tiny", SwapFixture.OTHER);
    float[] wrong = good.goldenOutput();
    wrong[2] += 0.5f;
    VariantSpec bad = new VariantSpec("tiny", good.file(), good.sha256(), good.goldenInput(), wrong, 1e-3f);
    assertFailedAndOldServes(bad, "golden check failed: output[2]");
  }

  @Test
  void swap_missingFile_failsWithReadReason() throws Exception {
    fixture(Duration.ZERO);
    VariantSpec good = SwapFixture.spec("tiny", SwapFixture.OTHER);
    VariantSpec missing = new VariantSpec("gone", Path.of("no", "such.onnx"), good.sha256(),
        good.goldenInput(), good.goldenOutput(), 0f);
    assertFailedAndOldServes(missing, "cannot be read");
  }

  private void assertFailedAndOldServes(VariantSpec bad, String reason) throws Exception {
    serve(0, 3);
    SwapOutcome o = f.swaps.swap("pump-1", bad).get(60, TimeUnit.SECONDS);
    serve(3, 6);
    assertThat(o.state()).isEqualTo(SwapState.FAILED);
    assertThat(o.reason()).contains(bad.id()).contains(reason);
    assertThat(f.harness.pipeline().active().id()).isEqualTo("base");
    assertThat(f.harness.results()).hasSize(6).allSatisfy(r -> assertThat(r.sha256()).isEqualTo(baseSha()));
    assertThat(f.eventTypes()).containsExactly("swap.started", "swap.failed");
    assertThat(f.events.get(1).details().get("reason")).isEqualTo(o.reason());
    // The pipeline is free again: a good swap goes through.
    assertThat(f.swaps.swap("pump-1", SwapFixture.spec("tiny", SwapFixture.OTHER)).get(60, TimeUnit.SECONDS)
        .succeeded()).isTrue();
  }

  @Test
  void swap_unknownPipeline_failsNamingIt() throws Exception {
    fixture(Duration.ZERO);
    SwapOutcome o = f.swaps.swap("nope", SwapFixture.spec("tiny", SwapFixture.OTHER)).get(1, TimeUnit.SECONDS);
    assertThat(o.state()).isEqualTo(SwapState.FAILED);
    assertThat(o.reason()).contains("unknown pipeline nope").contains("pump-1");
  }

  @Test
  void tick_missRateAboveThresholdOnProbation_rollsBackToPreviousVariant() throws Exception {
    fixture(Duration.ofSeconds(30));
    assertThat(f.swaps.swap("pump-1", SwapFixture.spec("tiny", SwapFixture.OTHER)).get(60, TimeUnit.SECONDS)
        .succeeded()).isTrue();
    assertThat(f.swaps.onProbation("pump-1")).isTrue();
    // 10 windows served in time, 10 that can no longer make their deadline (shed as misses): 50 % > 20 %.
    serve(0, 10);
    for (int i = 10; i < 20; i++) {
      f.harness.feed(i);
      clock.add(DEADLINE_MS + 1, TimeUnit.MILLISECONDS);
      f.harness.scheduler().runOnce(0, 0, TimeUnit.MILLISECONDS);
    }
    assertThat(f.harness.pipeline().active().deadlineMisses()).isEqualTo(10);
    assertThat(f.swaps.tick()).as("probation not over yet").isEmpty();

    clock.add(30, TimeUnit.SECONDS);
    var rollbacks = f.swaps.tick();
    SwapOutcome back = rollbacks.get("pump-1").get(60, TimeUnit.SECONDS);

    assertThat(back.succeeded()).as(String.valueOf(back)).isTrue();
    assertThat(back.from()).isEqualTo("tiny");
    assertThat(back.to()).isEqualTo("base");
    assertThat(f.harness.pipeline().active().sha256()).isEqualTo(baseSha());
    assertThat(f.eventTypes()).containsSubsequence("swap.completed", "swap.rollback", "swap.started",
        "swap.completed");
    assertThat(f.swaps.onProbation("pump-1")).as("a rollback is not judged again").isFalse();
    serve(20, 22);
    List<InferenceResult> rs = f.harness.results();
    assertThat(rs.get(rs.size() - 1).variant()).isEqualTo("base");
  }

  @Test
  void tick_missRateBelowThreshold_passesProbation() throws Exception {
    fixture(Duration.ofSeconds(30));
    f.swaps.swap("pump-1", SwapFixture.spec("tiny", SwapFixture.OTHER)).get(60, TimeUnit.SECONDS);
    serve(0, 20);
    clock.add(31, TimeUnit.SECONDS);
    assertThat(f.swaps.tick()).isEmpty();
    assertThat(f.swaps.onProbation("pump-1")).isFalse();
    assertThat(f.eventTypes()).endsWith("swap.probation.passed");
    assertThat(f.harness.pipeline().active().id()).isEqualTo("tiny");
  }

  @Test
  void swap_whileAnotherSwapRuns_failsAtOnceAndFirstCompletes() throws Exception {
    fixture(Duration.ZERO);
    java.util.List<Runnable> loaderQueue = new java.util.ArrayList<>();
    SwapManager swaps = new SwapManager("gw-1", List.of(f.harness.pipeline()),
        io.edgeladder.agent.inference.ort.OrtModelLoader.of(),
        io.edgeladder.agent.inference.RunnerOptions.ofDefaults(), loaderQueue::add, f.timer, f.events::add, clock,
        new SwapSettings(2, Duration.ofSeconds(5), Duration.ZERO, 0.1, 1));
    VariantSpec tiny = SwapFixture.spec("tiny", SwapFixture.OTHER);
    var first = swaps.swap("pump-1", tiny);
    SwapOutcome second = swaps.swap("pump-1", tiny).get(1, TimeUnit.SECONDS);

    assertThat(second.state()).isEqualTo(SwapState.FAILED);
    assertThat(second.reason()).contains("already swapping");
    assertThat(first).isNotDone();
    loaderQueue.remove(0).run(); // the loader thread, by hand
    assertThat(first.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
    assertThat(loaderQueue).isEmpty();
  }

  @Test
  void of_ownThreads_swapsOnLowPriorityLoaderAndCloseStopsThem() throws Exception {
    fixture(Duration.ZERO);
    String[] thread = new String[1];
    int[] priority = new int[1];
    try (SwapManager swaps = SwapManager.of("gw-1", List.of(f.harness.pipeline()),
        io.edgeladder.agent.inference.ort.OrtModelLoader.of(),
        io.edgeladder.agent.inference.RunnerOptions.ofDefaults(), e -> {
          thread[0] = Thread.currentThread().getName();
          priority[0] = Thread.currentThread().getPriority();
        }, clock, SwapSettings.ofDefaults())) {
      SwapOutcome bad = swaps.swap("pump-1", new VariantSpec("gone", Path.of("missing.onnx"), "a".repeat(64),
          new float[] {1}, new float[] {1}, 0f)).get(30, TimeUnit.SECONDS);
      assertThat(bad.reason()).contains("cannot be read");
    }
    assertThat(thread[0]).isEqualTo("swap-loader");
    assertThat(priority[0]).isEqualTo(Thread.MIN_PRIORITY);
  }
}
