package io.edgeladder.controller.variants.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeladder.controller.variants.evaluate.Evaluation;
import io.edgeladder.controller.variants.evaluate.EvaluationSettings;
import io.edgeladder.controller.variants.evaluate.Evaluator;
import io.edgeladder.controller.variants.evaluate.Metric;
import io.edgeladder.controller.variants.evaluate.ModelFiles;
import io.edgeladder.controller.variants.evaluate.ValidationSet;
import io.edgeladder.protocol.ModelCard;
import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.Precision;
import io.edgeladder.protocol.ladder.VariantEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training-time variants committed under {@code models/variants/} (written by
 * {@code models/recipes/variants.py}), imported and measured with real ORT sessions. Latency comes from a
 * hand-stepped ticker: nothing here depends on this machine's speed.
 */
class ExternalVariantTest {
  static final Path MODELS = Path.of("..", "models");
  static final Path VARIANTS = MODELS.resolve("variants");
  static final Path DISTILLED = VARIANTS.resolve("vibration-cnn-distilled");
  static final ObjectMapper JSON = new ObjectMapper();
  static ModelCard base;
  static Evaluator evaluator;

  @BeforeAll
  static void setUp() throws Exception {
    base = ModelCard.load(MODELS.resolve("vibration-cnn/model-card.json"));
    ValidationSet set = ValidationSet.load(MODELS.resolve("data/validation"), base);
    AtomicLong now = new AtomicLong();
    evaluator = Evaluator.create(MODELS.resolve("vibration-cnn/model.onnx"), set,
        EvaluationSettings.ofDefaults().withRuns(1, 3), List.of(Metric.macroF1()), () -> now.addAndGet(1_000));
  }

  @Test
  void loadAll_committedVariants_candidatesCarryTheCardsTechniqueAndPrecision() throws Exception {
    List<ExternalVariant> all = ExternalVariant.loadAll(VARIANTS, base);

    assertThat(all).extracting(v -> v.candidate().id()).containsExactly("distilled", "pruned50-ft", "qat");
    assertThat(all).extracting(v -> v.candidate().precision())
        .containsExactly(Precision.FP32, Precision.FP32, Precision.INT8);
    assertThat(all).extracting(v -> v.candidate().techniques()).containsExactly(
        List.of("distillation:teacher=vibration-cnn-teacher"), List.of("channel-prune:0.5", "fine-tune"),
        List.of("qat-int8"));
    for (ExternalVariant v : all) {
      assertThat(v.candidate().macs()).isEqualTo(((Number) v.card().metrics().get("macs")).longValue());
      assertThat(v.candidate().file()).isEqualTo(v.card().modelPath(VARIANTS.resolve(v.card().name())
          .resolve(ExternalVariant.CARD)));
    }
    // smaller than the base by construction: fewer MACs for the student and the pruned model, same for QAT
    assertThat(all.get(0).candidate().macs()).isLessThan(1_616_032L / 3);
    assertThat(all.get(1).candidate().macs()).isLessThan(1_616_032L / 3);
    assertThat(all.get(2).candidate().macs()).isEqualTo(1_616_032L);
  }

  @Test
  void evaluate_committedVariants_loadInOrtWithTheBaseSignatureAndMatchTheCardsAccuracy() throws Exception {
    for (ExternalVariant v : ExternalVariant.loadAll(VARIANTS, base)) {
      // the evaluator loads the file with the base's input shape and refuses another output size
      Evaluation e = evaluator.evaluate(v.candidate().file());

      assertThat(e.sha256()).isEqualTo(v.card().sha256());
      assertThat(e.accuracy()).as(v.candidate().id()).isCloseTo(v.cardAccuracy(), within(0.015));
      assertThat(e.goldenOutput()).hasSize(base.classes().size());
    }
  }

  @Test
  void build_withExternalVariants_ladderListsThemWithTheirTechniqueChains(@TempDir Path tmp) throws Exception {
    List<Candidate> candidates = ExternalVariant.loadAll(VARIANTS, base).stream().map(ExternalVariant::candidate)
        .toList();
    Clock clock = Clock.fixed(Instant.parse("2025-02-01T10:00:00Z"), ZoneOffset.UTC);

    LadderManifest m = LadderBuilder.of(evaluator, base, LadderPolicy.ofDefaults(), clock)
        .build(Candidate.base(MODELS.resolve("vibration-cnn/model.onnx"), null), candidates, tmp.resolve("ladder"));

    assertThat(m.variants()).extracting(VariantEntry::id).contains("fp32", "distilled", "pruned50-ft", "qat");
    VariantEntry qat = m.variants().stream().filter(e -> e.id().equals("qat")).findFirst().orElseThrow();
    assertThat(qat.techniques()).containsExactly("qat-int8");
    assertThat(qat.precision()).isEqualTo(Precision.INT8);
    assertThat(qat.sha256()).isEqualTo(ModelFiles.sha256(Files.readAllBytes(tmp.resolve("ladder/qat.onnx"))));
  }

  @Test
  void load_normalisationDiffers_failsNamingFieldAndBothValues(@TempDir Path tmp) throws Exception {
    Path copy = copyWithCard(tmp, card -> ((ArrayNode) card.with("input").with("normalization").get("mean"))
        .set(0, 0.5));

    assertThatThrownBy(() -> ExternalVariant.load(copy, base))
        .isInstanceOf(ExternalVariantException.class)
        .hasMessageContaining("vibration-cnn-distilled")
        .hasMessageContaining("input.normalization.mean is [0.5, -0.01219, 0.001422] but the base's is "
            + "[-0.011246, -0.01219, 0.001422]");
  }

  @Test
  void load_cardAndFileDisagreeWithBase_reportsEveryProblemTogether(@TempDir Path tmp) throws Exception {
    Path copy = copyWithCard(tmp, card -> {
      card.with("output").put("name", "probabilities");
      card.with("input").putArray("shape").add(1).add(3).add(512);
      card.put("baseModel", "vibration-cnn-teacher");
      card.remove("technique");
      card.put("precision", "int4");
    });
    byte[] model = Files.readAllBytes(copy.resolve("model.onnx"));
    model[model.length - 1] ^= 1;
    Files.write(copy.resolve("model.onnx"), model);

    assertThatThrownBy(() -> ExternalVariant.load(copy, base))
        .isInstanceOf(ExternalVariantException.class)
        .hasMessageContaining("technique is missing")
        .hasMessageContaining("baseModel must be vibration-cnn but was vibration-cnn-teacher")
        .hasMessageContaining("ladder precision must be one of fp32, fp16, int8, mixed but was int4")
        .hasMessageContaining("input.shape is [1, 3, 512] but the base's is [1, 3, 1024]")
        .hasMessageContaining("output.name is probabilities but the base's is logits")
        .hasMessageContaining("but the card says " + readCard(DISTILLED).get("sha256").asText());
  }

  @Test
  void load_graphDoesNotMatchItsCard_failsNamingTheGraph(@TempDir Path tmp) throws Exception {
    Path copy = copyWithCard(tmp, card -> {});
    byte[] twoInputs = Files.readAllBytes(MODELS.resolve("fixtures/two-inputs.onnx"));
    Files.write(copy.resolve("model.onnx"), twoInputs);
    ObjectNode card = readCard(copy);
    card.put("sha256", ModelFiles.sha256(twoInputs));
    Files.write(copy.resolve(ExternalVariant.CARD), JSON.writeValueAsBytes(card));

    assertThatThrownBy(() -> ExternalVariant.load(copy, base))
        .isInstanceOf(ExternalVariantException.class)
        .hasMessageContaining("graph must have 1 input and 1 output but has 2 and 1");
  }

  @Test
  void load_folderWithoutCard_failsNamingTheFolder(@TempDir Path tmp) {
    assertThatThrownBy(() -> ExternalVariant.load(tmp, base))
        .isInstanceOf(ExternalVariantException.class)
        .hasMessageContaining(tmp.toString())
        .hasMessageContaining("no model-card.json");
  }

  static Path copyWithCard(Path tmp, Consumer<ObjectNode> edit) throws Exception {
    Path copy = Files.createDirectories(tmp.resolve("vibration-cnn-distilled"));
    Files.copy(DISTILLED.resolve("model.onnx"), copy.resolve("model.onnx"));
    ObjectNode card = readCard(DISTILLED);
    edit.accept(card);
    Files.write(copy.resolve(ExternalVariant.CARD), JSON.writeValueAsBytes(card));
    return copy;
  }

  static ObjectNode readCard(Path folder) throws Exception {
    return (ObjectNode) JSON.readTree(folder.resolve(ExternalVariant.CARD).toFile());
  }
}
