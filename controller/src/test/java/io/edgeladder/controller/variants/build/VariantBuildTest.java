package io.edgeladder.controller.variants.build;

import static io.edgeladder.controller.variants.build.BuildTestPaths.CARD;
import static io.edgeladder.controller.variants.build.BuildTestPaths.VALIDATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.controller.variants.evaluate.EvaluationSettings;
import io.edgeladder.controller.variants.ladder.Candidate;
import io.edgeladder.controller.variants.ladder.LadderPolicy;
import io.edgeladder.controller.variants.passes.Pass;
import io.edgeladder.controller.variants.passes.PassException;
import io.edgeladder.controller.variants.passes.PassResult;
import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.Precision;
import io.edgeladder.protocol.ladder.VariantEntry;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariantBuildTest {
  /** A pass that refuses every model, as a real pass does on an op it cannot rewrite. */
  private static final Pass REFUSING = new Pass() {
    @Override
    public String technique() {
      return "refuse";
    }

    @Override
    public PassResult apply(io.edgeladder.controller.variants.onnx.OnnxModel model,
        io.edgeladder.controller.variants.passes.PassContext ctx) throws PassException {
      throw new PassException("refuse: op Conv is not supported here");
    }
  };

  @TempDir
  Path tmp;

  private final List<String> progress = new ArrayList<>();
  private long ticks;
  private final TechniqueRegistry registry = TechniqueRegistry.ofDefaults(16).with("refuse", "refuse", a -> REFUSING);

  private VariantBuild build() {
    // every tick is 0.25 s: progress timings are deterministic
    return VariantBuild.of(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC),
        () -> ticks += 250_000_000L, progress::add);
  }

  private BuildRequest request(List<String> techniques, List<Candidate> imports, Path out) {
    return new BuildRequest(CARD, VALIDATION, null, 16, registry.parseAll(techniques), imports,
        LadderPolicy.ofDefaults(), new EvaluationSettings(1, 2, 10, 0), out, 1);
  }

  @Test
  void run_failingAndNoOpTechniques_keepsThemRejectedWithReasons() throws Exception {
    Path out = tmp.resolve("ladder");

    BuildResult result = build().run(request(List.of("int8-static", "refuse", "low-rank:rank=1000"), List.of(), out));

    LadderManifest written = LadderManifest.read(out.resolve("ladder.json"));
    assertThat(written.toJson()).isEqualTo(result.manifest().toJson());
    assertThat(written.createdAt()).isEqualTo("2026-01-02T03:04:05Z");
    Map<String, VariantEntry> byId = written.variants().stream()
        .collect(Collectors.toMap(VariantEntry::id, e -> e));
    assertThat(byId).containsOnlyKeys("fp32", "int8-static", "refuse", "low-rank-rank-1000");
    VariantEntry refused = byId.get("refuse");
    assertThat(refused.accepted()).isFalse();
    assertThat(refused.rejectReason()).isEqualTo("pass failed: refuse: op Conv is not supported here");
    assertThat(refused.techniques()).isEmpty();
    assertThat(refused.sizeBytes()).isZero();
    assertThat(byId.get("low-rank-rank-1000").rejectReason())
        .startsWith("technique did not change the model: low-rank: no layer decomposed");
    VariantEntry int8 = byId.get("int8-static");
    assertThat(int8.precision()).isEqualTo(Precision.INT8);
    assertThat(int8.techniques()).containsExactly("int8-static");
    assertThat(int8.accuracy()).isGreaterThan(0.9);
    for (VariantEntry e : written.variants()) {
      assertThat(out.resolve(e.file())).exists();
    }
    assertThat(result.passes()).extracting(PassOutcome::applied).containsExactly(true, false, false);
    assertThat(progress).contains("[2/3] refuse … 0.3 s  REJECTED: pass failed: refuse: op Conv is not supported here");
    assertThat(progress).anyMatch(l -> l.startsWith("[eval 4/4] "));
    assertThat(siblings()).containsExactly(out);
  }

  @Test
  void run_unreadableImport_leavesNoOutputFolder() throws Exception {
    Path out = tmp.resolve("ladder");
    Candidate broken = new Candidate("broken", tmp.resolve("missing.onnx"), Precision.INT8, List.of("qat"), null);

    assertThatThrownBy(() -> build().run(request(List.of("prune:0.5"), List.of(broken), out)))
        .isInstanceOf(NoSuchFileException.class);

    assertThat(out).doesNotExist();
    assertThat(siblings()).isEmpty();
  }

  @Test
  void run_outputExists_refusesAndLeavesItAlone() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("ladder"));
    Files.writeString(out.resolve("keep.txt"), "mine");

    assertThatThrownBy(() -> build().run(request(List.of("prune:0.5"), List.of(), out)))
        .isInstanceOf(FileAlreadyExistsException.class);

    assertThat(out.resolve("keep.txt")).hasContent("mine");
    assertThat(siblings()).containsExactly(out);
  }

  private List<Path> siblings() throws Exception {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.toList();
    }
  }
}
