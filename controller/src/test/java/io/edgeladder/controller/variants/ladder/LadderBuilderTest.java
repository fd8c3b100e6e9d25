package io.edgeladder.controller.variants.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.controller.variants.evaluate.EvaluationSettings;
import io.edgeladder.controller.variants.evaluate.Evaluator;
import io.edgeladder.controller.variants.evaluate.Metric;
import io.edgeladder.controller.variants.evaluate.ModelFiles;
import io.edgeladder.controller.variants.evaluate.ValidationSet;
import io.edgeladder.protocol.ModelCard;
import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.Precision;
import io.edgeladder.protocol.ladder.VariantEntry;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builder on the committed models with real ORT sessions. Latency comes from a hand-stepped ticker
 * (each timed run lasts exactly {@code step} ns), so which variant is "slower" is set by the test, not
 * by this machine's load.
 */
class LadderBuilderTest {
  static final Path MODELS = Path.of("..", "models");
  static final Path BASE = MODELS.resolve("vibration-cnn/model.onnx");
  static final Path TEACHER = MODELS.resolve("vibration-cnn-teacher/model.onnx");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-02-01T10:00:00Z"), ZoneOffset.UTC);
  static final AtomicLong step = new AtomicLong(1_000);
  static ModelCard card;
  static Evaluator evaluator;

  @BeforeAll
  static void setUp() throws Exception {
    card = ModelCard.load(MODELS.resolve("vibration-cnn/model-card.json"));
    ValidationSet set = ValidationSet.load(MODELS.resolve("data/validation"), card);
    AtomicLong now = new AtomicLong();
    // the base is timed here, at 1 µs per run; each test sets the candidates' run time before build
    evaluator = Evaluator.create(BASE, set, EvaluationSettings.ofDefaults().withRuns(2, 10),
        List.of(Metric.macroF1()), () -> now.addAndGet(step.get()));
  }

  static LadderBuilder builder(LadderPolicy policy) {
    return LadderBuilder.of(evaluator, card, policy, CLOCK);
  }

  static Candidate teacher() {
    return new Candidate("teacher", TEACHER, Precision.FP32, List.of("import:vibration-cnn-teacher"), 6_259_008L);
  }

  static VariantEntry byId(LadderManifest m, String id) {
    return m.variants().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
  }

  static List<Path> siblings(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void build_slowerTeacherWorseFixtureBrokenFile_rejectsEachWithReason(@TempDir Path tmp) throws Exception {
    step.set(2_200); // candidates run 2.2x as long as the base
    Path out = tmp.resolve("ladder");
    List<VariantEntry> seen = new ArrayList<>();

    LadderManifest m = builder(LadderPolicy.ofDefaults()).onEvaluated(seen::add).build(Candidate.base(BASE, 1_616_032L),
        List.of(teacher(), new Candidate("tiny", MODELS.resolve("fixtures/tiny-conv.onnx"), Precision.FP32, List.of("x"), null),
            new Candidate("broken", MODELS.resolve("fixtures/truncated.onnx"), Precision.INT8, List.of("int8-static-qdq"), null)),
        out);

    assertThat(seen).extracting(VariantEntry::id).containsExactly("fp32", "teacher", "tiny", "broken");
    assertThat(m.variants()).extracting(VariantEntry::id).containsExactly("fp32", "teacher", "tiny", "broken");
    assertThat(m.accepted()).extracting(VariantEntry::id).containsExactly("fp32");
    assertThat(byId(m, "teacher").rejectReason())
        .isEqualTo("slower than fp32 on this host (p50 0.0022 ms vs 0.0010 ms, ratio 2.200 > 1.000)");
    assertThat(byId(m, "teacher").accuracy()).isEqualTo(1.0);
    assertThat(byId(m, "teacher").macs()).isEqualTo(6_259_008L);
    assertThat(byId(m, "tiny").rejectReason()).startsWith("accuracy drop ").contains("; slower than fp32");
    assertThat(byId(m, "broken").rejectReason()).startsWith("load failure: model ").contains("truncated.onnx")
        .doesNotContain(".tmp-");
    assertThat(byId(m, "broken").latency()).isNull();

    VariantEntry base = byId(m, "fp32");
    assertThat(base.golden().output()).containsExactly(evaluator.reference().goldenOutput());
    assertThat(base.parameters()).isEqualTo(11_397);
    assertThat(m.model()).isEqualTo("vibration-cnn");
    assertThat(m.baseSha256()).isEqualTo(card.sha256());
    assertThat(m.createdAt()).isEqualTo("2025-02-01T10:00:00Z");
    assertThat(m.referenceHost().threads()).isEqualTo(1);
    assertThat(m.goldenInput().id()).isEqualTo("validation-0");

    // the folder holds the manifest and every variant's file, byte-identical to what was measured
    assertThat(LadderManifest.read(out.resolve("ladder.json"))).usingRecursiveComparison().isEqualTo(m);
    for (VariantEntry e : m.variants()) {
      assertThat(ModelFiles.sha256(Files.readAllBytes(out.resolve(e.file())))).isEqualTo(e.sha256());
    }
    assertThat(siblings(tmp)).containsExactly(out);
  }

  @Test
  void build_fasterEquallyAccurateTeacher_dominatesBase_keptOnlyWithKeepReference(@TempDir Path tmp) throws Exception {
    step.set(500); // the teacher now measures twice as fast as the base

    LadderManifest kept = builder(LadderPolicy.ofDefaults())
        .build(Candidate.base(BASE, null), List.of(teacher()), tmp.resolve("kept"));
    LadderManifest uniform = builder(new LadderPolicy(1.5, 1.0, false))
        .build(Candidate.base(BASE, null), List.of(teacher()), tmp.resolve("uniform"));

    // equal accuracy: the slower base is the higher rung when kept as the reference
    assertThat(kept.accepted()).extracting(VariantEntry::id).containsExactly("fp32", "teacher");
    assertThat(uniform.accepted()).extracting(VariantEntry::id).containsExactly("teacher");
    // base MACs not given: counted by the IR, equal to the card's figure
    assertThat(byId(kept, "fp32").macs()).isEqualTo(((Number) card.metrics().get("macs")).longValue());
    assertThat(byId(uniform, "fp32").rejectReason())
        .isEqualTo("dominated by teacher (accuracy 1.0000 >= 1.0000, p50 0.0005 ms <= 0.0010 ms)");
  }

  @Test
  void build_unreadableCandidateMidway_leavesNoOutputFolder(@TempDir Path tmp) throws Exception {
    step.set(1_000);
    Path out = tmp.resolve("ladder");

    assertThatThrownBy(() -> builder(LadderPolicy.ofDefaults()).build(Candidate.base(BASE, null),
        List.of(teacher(), new Candidate("gone", tmp.resolve("missing.onnx"), Precision.INT8, List.of(), null)), out))
        .isInstanceOf(NoSuchFileException.class);

    assertThat(out).doesNotExist();
    assertThat(siblings(tmp)).isEmpty(); // no ladder.tmp-XXXX either
  }

  @Test
  void build_existingOutputFolder_refusesAndLeavesItAlone(@TempDir Path tmp) throws Exception {
    Path out = Files.createDirectory(tmp.resolve("ladder"));
    Files.writeString(out.resolve("keep.txt"), "mine");

    assertThatThrownBy(() -> builder(LadderPolicy.ofDefaults()).build(Candidate.base(BASE, null), List.of(), out))
        .isInstanceOf(FileAlreadyExistsException.class);

    assertThat(siblings(out)).containsExactly(out.resolve("keep.txt"));
    assertThat(siblings(tmp)).containsExactly(out);
  }

  @Test
  void build_baseNotTheReferenceOrDuplicateIds_refusedBeforeWriting(@TempDir Path tmp) {
    Path out = tmp.resolve("ladder");
    assertThatThrownBy(() -> builder(LadderPolicy.ofDefaults()).build(Candidate.base(TEACHER, null), List.of(), out))
        .hasMessageContaining("but the evaluator's reference");
    assertThatThrownBy(() -> builder(LadderPolicy.ofDefaults()).build(Candidate.base(BASE, null),
        List.of(teacher(), teacher()), out)).hasMessageContaining("candidate id teacher is not unique");
    assertThatThrownBy(() -> new Candidate("../x", BASE, Precision.FP32, List.of(), null))
        .hasMessageContaining("but was ../x");
    assertThat(out).doesNotExist();
  }
}
