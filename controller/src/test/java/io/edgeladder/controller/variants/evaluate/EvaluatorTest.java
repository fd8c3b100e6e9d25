package io.edgeladder.controller.variants.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.protocol.ModelCard;
import io.edgeladder.protocol.ladder.GoldenInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real ORT sessions on the committed models and fixtures; no timing assertions (a hand-stepped ticker). */
class EvaluatorTest {
  static final Path MODELS = Path.of("..", "models");
  static final Path BASE = MODELS.resolve("vibration-cnn/model.onnx");
  static final Path VALIDATION = MODELS.resolve("data/validation");
  static ModelCard card;
  static ValidationSet set;
  static Evaluator evaluator;

  @BeforeAll
  static void setUp() throws Exception {
    card = ModelCard.load(MODELS.resolve("vibration-cnn/model-card.json"));
    set = ValidationSet.load(VALIDATION, card);
    AtomicLong ticker = new AtomicLong();
    // each reading advances 1 µs: deterministic latencies without touching the real clock
    evaluator = Evaluator.create(BASE, set, EvaluationSettings.ofDefaults().withRuns(3, 20),
        List.of(Metric.macroF1()), () -> ticker.addAndGet(1_000));
  }

  @Test
  void evaluate_baseAgainstItself_matchesCardAndAgreesFully() throws Exception {
    Evaluation e = evaluator.evaluate(BASE);

    assertThat(e.accuracy()).isEqualTo(((Number) card.metrics().get("validationAccuracy")).doubleValue());
    assertThat(e.metrics()).containsEntry("macroF1", 1.0);
    assertThat(e.agreement().top1()).isEqualTo(1.0);
    assertThat(e.agreement().maxAbsDiffRaw()).isZero();
    assertThat(e.agreement().maxAbsDiffSoftmax()).isZero();
    assertThat(e.agreement().meanAbsDiffRaw()).isZero();
    assertThat(e.sha256()).isEqualTo(card.sha256());
    assertThat(e.sizeBytes()).isEqualTo(Files.size(BASE));
    assertThat(e.compressedSizeBytes()).isPositive().isLessThan(e.sizeBytes());
    // the card counts torch parameters, BatchNorm included (scale + shift per channel); the exported
    // graph folds BN into the Conv (one bias per channel): 16 + 32 + 64 = 112 fewer elements
    assertThat(e.parameters()).isEqualTo(((Number) card.metrics().get("parameters")).longValue() - 112);
    assertThat(e.nonZeroParameters()).isPositive().isLessThanOrEqualTo(e.parameters());
    assertThat(e.goldenOutput()).hasSize(5);
    assertThat(e.macs()).isNull();
    assertThat(e.withMacs(1_616_032).macs()).isEqualTo(1_616_032L);
    assertThat(e.latency().threads()).isEqualTo(1);
    assertThat(e.latency().timedRuns()).isEqualTo(20);
    assertThat(e.latency().warmupRuns()).isEqualTo(3);
    assertThat(e.latency().p50Ms()).isEqualTo(0.001); // the ticker's step: one reading before, one after
    assertThat(evaluator.reference().goldenOutput()).containsExactly(e.goldenOutput());
  }

  @Test
  void evaluate_tinyConvFixture_agreesPoorlyWithBase() throws Exception {
    Evaluation e = evaluator.evaluate(MODELS.resolve("fixtures/tiny-conv.onnx"));

    // an untrained fixture with the same signature: roughly chance-level agreement and accuracy
    assertThat(e.agreement().top1()).isLessThan(0.5);
    assertThat(e.accuracy()).isLessThan(0.5);
    assertThat(e.agreement().maxAbsDiffRaw()).isGreaterThan(1.0);
    assertThat(e.agreement().meanAbsDiffSoftmax()).isGreaterThan(0.01);
    assertThat(e.metrics().get("macroF1")).isLessThan(0.5);
  }

  @Test
  void evaluate_teacher_isAsAccurateWithMoreParameters() throws Exception {
    Path teacher = MODELS.resolve("vibration-cnn-teacher/model.onnx");
    Evaluation e = evaluator.evaluate(teacher);

    assertThat(e.accuracy()).isEqualTo(1.0);
    assertThat(e.agreement().top1()).isEqualTo(1.0);
    assertThat(e.agreement().maxAbsDiffRaw()).isPositive();
    assertThat(e.parameters()).isEqualTo(114_597 - (32 + 64 + 128 + 128)); // card minus folded BN, as above
  }

  @Test
  void evaluate_badFiles_failWithReason() {
    assertThatThrownBy(() -> evaluator.evaluate(MODELS.resolve("fixtures/truncated.onnx")))
        .isInstanceOf(ModelEvaluationException.class).hasMessageContaining("truncated.onnx");
    assertThatThrownBy(() -> evaluator.evaluate(MODELS.resolve("fixtures/not-onnx.onnx")))
        .isInstanceOf(ModelEvaluationException.class).hasMessageContaining("not-onnx.onnx");
    assertThatThrownBy(() -> evaluator.evaluate(MODELS.resolve("fixtures/two-inputs.onnx")))
        .isInstanceOf(ModelEvaluationException.class).hasMessageContaining("must have 1 input");
    assertThatThrownBy(() -> evaluator.evaluate(MODELS.resolve("fixtures/dynamic-output.onnx")))
        .isInstanceOf(ModelEvaluationException.class).hasMessageContaining("dynamic shape");
    assertThatThrownBy(() -> evaluator.evaluate(MODELS.resolve("fixtures/missing.onnx")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void goldenInput_isNormalisedWindowZero() throws IOException {
    GoldenInput g = evaluator.goldenInput();

    assertThat(g.id()).isEqualTo("validation-0");
    assertThat(g.label()).isEqualTo(set.label(0));
    assertThat(g.shape()).containsExactly(1, 3, 1024);
    assertThat(g.values()).containsExactly(set.window(0));
    float[] raw = ValidationSet.load(VALIDATION).window(0);
    float mean = card.input().normalization().mean()[1];
    float std = card.input().normalization().std()[1];
    assertThat(g.values()[1024 + 7]).isEqualTo((raw[1024 + 7] - mean) / std);
  }
}
