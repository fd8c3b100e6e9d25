package io.edgeladder.agent.swap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.agent.inference.RunnerOptions;
import io.edgeladder.agent.inference.ort.OrtModelLoader;
import io.micrometer.core.instrument.MockClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6 (kill -9 mid-swap): what becomes a pipeline's last known good variant, how it is stored, and how an
 * agent starts on it. Only a committed swap counts: one that serves without probation, or passed it; a failed
 * swap never, a rollback commits the variant rolled back to.
 */
@Timeout(120)
class LastGoodVariantsTest {
  private static final int DEADLINE_MS = 50;
  private final MockClock clock = new MockClock();
  private final List<String> commits = new CopyOnWriteArrayList<>();
  @TempDir Path dir;
  private SwapFixture f;

  @AfterEach
  void close() {
    if (f != null) f.close();
  }

  private void fixture(Duration probation) throws Exception {
    f = new SwapFixture(1, 64, DEADLINE_MS, clock, new SwapSettings(3, Duration.ofSeconds(10), probation, 0.2, 10));
    f.swaps.onCommit((pipeline, spec) -> commits.add(pipeline + ":" + spec.id()));
  }

  private void serve(int from, int to) throws InterruptedException {
    for (int i = from; i < to; i++) f.harness.feed(i);
    while (f.harness.scheduler().runOnce(0, 0, TimeUnit.MILLISECONDS)) {
      // drive the worker by hand
    }
  }

  @Test
  void swap_noProbation_commitsTheNewVariant() throws Exception {
    fixture(Duration.ZERO);
    assertThat(f.swaps.swap("pump-1", SwapFixture.spec("tiny", SwapFixture.OTHER)).get(60, TimeUnit.SECONDS)
        .succeeded()).isTrue();
    assertThat(commits).containsExactly("pump-1:tiny");
  }

  @Test
  void swap_onProbation_commitsOnlyOnceProbationPassed() throws Exception {
    fixture(Duration.ofSeconds(30));
    f.swaps.swap("pump-1", SwapFixture.spec("tiny", SwapFixture.OTHER)).get(60, TimeUnit.SECONDS);
    assertThat(commits).as("serving, but on probation: not known good yet").isEmpty();
    serve(0, 20);
    clock.add(31, TimeUnit.SECONDS);
    f.swaps.tick();
    assertThat(commits).containsExactly("pump-1:tiny");
  }

  @Test
  void probationFailed_rollbackCommitsThePreviousVariantNeverTheFailedOne() throws Exception {
    fixture(Duration.ofSeconds(30));
    f.swaps.swap("pump-1", SwapFixture.spec("tiny", SwapFixture.OTHER)).get(60, TimeUnit.SECONDS);
    for (int i = 0; i < 20; i++) {
      f.harness.feed(i);
      clock.add(DEADLINE_MS + 1, TimeUnit.MILLISECONDS);
      f.harness.scheduler().runOnce(0, 0, TimeUnit.MILLISECONDS);
    }
    clock.add(30, TimeUnit.SECONDS);
    assertThat(f.swaps.tick().get("pump-1").get(60, TimeUnit.SECONDS).succeeded()).isTrue();
    assertThat(commits).containsExactly("pump-1:base");
  }

  @Test
  void swap_failed_neverCommits() throws Exception {
    fixture(Duration.ZERO);
    VariantSpec good = SwapFixture.spec("tiny", SwapFixture.OTHER);
    VariantSpec bad = new VariantSpec("tiny", good.file(), "0".repeat(64), good.goldenInput(), good.goldenOutput(),
        0f);
    assertThat(f.swaps.swap("pump-1", bad).get(60, TimeUnit.SECONDS).succeeded()).isFalse();
    assertThat(commits).isEmpty();
  }

  @Test
  void committed_thenOpened_givesTheSpecBackForTheSameModelOnly() throws Exception {
    VariantSpec tiny = SwapFixture.spec("tiny", SwapFixture.OTHER);
    LastGoodVariants.open(dir).committed("pump-1", "vibration-cnn", tiny);

    LastGoodVariants reopened = LastGoodVariants.open(dir);
    VariantSpec back = reopened.of("pump-1", "vibration-cnn").orElseThrow();
    assertThat(back.id()).isEqualTo("tiny");
    assertThat(back.sha256()).isEqualTo(tiny.sha256());
    assertThat(back.file()).isEqualTo(SwapFixture.OTHER.toAbsolutePath());
    assertThat(back.goldenOutput()).containsExactly(tiny.goldenOutput());
    assertThat(reopened.of("pump-1", "another-model")).as("the card changed since").isEmpty();
    assertThat(reopened.of("pump-2", "vibration-cnn")).isEmpty();
    assertThat(LastGoodVariants.fileIn(dir).resolveSibling("last-good.json.tmp")).doesNotExist();
  }

  @Test
  void open_tornFile_failsNamingIt() throws Exception {
    Files.createDirectories(LastGoodVariants.fileIn(dir).getParent());
    Files.writeString(LastGoodVariants.fileIn(dir), "{\"pipelines\":[{\"pipeline\":\"pump-1\",");
    assertThatThrownBy(() -> LastGoodVariants.open(dir)).isInstanceOf(IOException.class)
        .hasMessageContaining("last-good.json");
  }

  @Test
  void restore_goodSpec_pipelineServesItAndConfiguredIsReplaced() throws Exception {
    fixture(Duration.ZERO);
    VariantRestorer restorer = new VariantRestorer(OrtModelLoader.of(), RunnerOptions.ofDefaults(), clock, 3);
    assertThat(restorer.restore(f.harness.pipeline(), SwapFixture.spec("tiny", SwapFixture.OTHER))).isNull();
    assertThat(f.harness.pipeline().active().id()).isEqualTo("tiny");
    serve(0, 3);
    assertThat(f.harness.results()).extracting(r -> r.variant()).containsOnly("tiny");
  }

  @Test
  void restore_fileChanged_refusedWithShaReasonAndConfiguredServes() throws Exception {
    fixture(Duration.ZERO);
    Path copy = Files.copy(SwapFixture.OTHER, dir.resolve("tiny.onnx"));
    VariantSpec spec = SwapFixture.spec("tiny", copy);
    byte[] b = Files.readAllBytes(copy);
    b[b.length / 2] ^= 1;
    Files.write(copy, b);
    VariantRestorer restorer = new VariantRestorer(OrtModelLoader.of(), RunnerOptions.ofDefaults(), clock, 3);
    assertThat(restorer.restore(f.harness.pipeline(), spec)).contains("sha256");
    assertThat(f.harness.pipeline().active().id()).isEqualTo("base");
    Files.delete(copy);
    assertThat(restorer.restore(f.harness.pipeline(), spec)).contains("cannot be read");
    assertThat(f.harness.pipeline().active().id()).isEqualTo("base");
  }
}
