package io.edgeladder.bench.adaptive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeladder.controller.variants.build.BuildRequest;
import io.edgeladder.controller.variants.build.BuildResult;
import io.edgeladder.controller.variants.build.Imports;
import io.edgeladder.controller.variants.build.TechniqueRegistry;
import io.edgeladder.controller.variants.build.VariantBuild;
import io.edgeladder.controller.variants.evaluate.EvaluationSettings;
import io.edgeladder.controller.variants.ladder.LadderPolicy;
import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.VariantEntry;
import io.edgeladder.simulator.DatasetSpec;
import io.edgeladder.simulator.DatasetWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The ladder the contention and battery scenarios switch on, built in the run by the controller's own
 * tools ({@link VariantBuild}, as {@code variants build} runs it): the fp32 base, {@code int8-static}, and
 * the imports of {@code models/variants} plus the teacher ({@code models/vibration-cnn-teacher}, staged as
 * an import with {@code technique: teacher}), all measured on a validation set generated here with the
 * simulator's {@link DatasetWriter}, noisier than {@code models/data/validation} so that their accuracies
 * differ (every model scores 1.0 on the committed set).
 *
 * @param manifest the built ladder
 * @param file its {@code ladder.json}
 * @param spec the validation set it was measured on
 * @param build the builder's outcome (per-pass notes)
 */
record BenchLadder(LadderManifest manifest, Path file, DatasetSpec spec, BuildResult build) {
  static final String TEACHER_ID = "teacher";

  /**
   * Settings of the build.
   *
   * @param baseCard the base model card (the pipeline's)
   * @param teacherCard the teacher's card, or null to leave it out
   * @param importDir training-time variants, or null
   * @param validation the generated set
   * @param evaluation latency runs of the evaluator
   */
  record Settings(Path baseCard, Path teacherCard, Path importDir, DatasetSpec validation,
      EvaluationSettings evaluation) {}

  /** Accepted rungs, most accurate first; ties broken by the lower p99 (as the agent's policy does). */
  List<VariantEntry> rungs() {
    return manifest.accepted().stream()
        .sorted(Comparator.comparingDouble((VariantEntry e) -> -e.accuracy())
            .thenComparingDouble(e -> e.latency().p99Ms()))
        .toList();
  }

  /** The rung the policy treats as most accurate. */
  VariantEntry mostAccurate() {
    return rungs().get(0);
  }

  /** Accuracy of variant {@code id} on the generated set, NaN when it has none. */
  double accuracy(String id) {
    return manifest.variants().stream().filter(v -> v.id().equals(id) && v.accuracy() != null)
        .mapToDouble(VariantEntry::accuracy).findFirst().orElse(Double.NaN);
  }

  static BenchLadder build(Settings s, Path work, Consumer<String> progress) throws Exception {
    Path validation = work.resolve("validation");
    new DatasetWriter(s.validation()).write(validation);
    Path imports = work.resolve("imports");
    Files.createDirectories(imports);
    if (s.importDir() != null && Files.isDirectory(s.importDir())) {
      try (var dirs = Files.list(s.importDir())) {
        for (Path d : dirs.filter(d -> Files.isRegularFile(d.resolve("model-card.json"))).toList()) {
          copyDir(d, imports.resolve(d.getFileName()));
        }
      }
    }
    if (s.teacherCard() != null) {
      stageTeacher(s.teacherCard(), s.baseCard(), imports.resolve("vibration-cnn-teacher"));
    }
    BuildRequest request = new BuildRequest(s.baseCard(), validation, null, 64,
        TechniqueRegistry.ofDefaults(64).parseAll(List.of("int8-static")), Imports.load(imports, s.baseCard()),
        // Every rung kept unless dominated: the scenarios need the slow teacher and the cheap rungs alike.
        new LadderPolicy(100, 10, true), s.evaluation(), work.resolve("ladder"), 1);
    BuildResult result = VariantBuild.of(Clock.systemUTC(), System::nanoTime, progress).run(request);
    return new BenchLadder(result.manifest(), result.outDir().resolve("ladder.json"), s.validation(), result);
  }

  /**
   * The teacher as an import: its ONNX file and its card plus the fields an import needs
   * ({@code technique}, {@code baseModel}, {@code precision}); the importer then checks that its input,
   * output and normalisation equal the base's.
   */
  private static void stageTeacher(Path teacherCard, Path baseCard, Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode card = (ObjectNode) json.readTree(teacherCard.toFile());
    ObjectNode base = (ObjectNode) json.readTree(baseCard.toFile());
    card.put("technique", TEACHER_ID);
    card.put("baseModel", base.path("name").asText());
    card.put("precision", "fp32");
    Files.createDirectories(dir);
    Path model = teacherCard.toAbsolutePath().getParent().resolve(card.path("file").asText());
    Files.copy(model, dir.resolve(model.getFileName()));
    json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("model-card.json").toFile(), card);
  }

  private static void copyDir(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }
}
