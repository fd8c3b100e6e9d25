package io.edgeladder.agent.inference.ort;

import io.edgeladder.agent.inference.InferenceException;
import io.edgeladder.agent.inference.LoadedModel;
import io.edgeladder.agent.inference.ModelLoadException;
import io.edgeladder.agent.inference.ModelRunner;
import io.edgeladder.agent.inference.RunnerOptions;
import io.edgeladder.protocol.fuzz.FuzzTries;
import io.edgeladder.protocol.fuzz.FuzzTriesHook;
import io.edgeladder.protocol.fuzz.JsonMutator;
import io.edgeladder.protocol.fuzz.Payload;
import io.edgeladder.protocol.fuzz.Tally;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * ONNX files fuzzing (issue 6): the real models in {@code models/} truncated, bit-flipped, spliced, cut and
 * structurally damaged ({@link ProtoMutator}: wrong input types and shapes, bad lengths, dropped and repeated
 * fields) go through {@link OrtModelLoader#load}: each is either a model that runs a zero window (or fails it
 * with an {@link InferenceException}) or a {@link ModelLoadException} naming the file; nothing else is thrown
 * and ONNX Runtime never takes the JVM down. The input under test is written to
 * {@code target/fuzz-onnx/current.onnx} before the load, so a native crash leaves it behind.
 */
@AddLifecycleHook(FuzzTriesHook.class)
class OnnxFileFuzzTest {
  private static final Path MODELS = Path.of("..", "models");
  private static final List<Path> SEEDS = List.of(MODELS.resolve("fixtures/tiny-conv.onnx"),
      MODELS.resolve("vibration-cnn/model.onnx"), MODELS.resolve("variants/vibration-cnn-qat/model.onnx"),
      MODELS.resolve("variants/vibration-cnn-pruned50-ft/model.onnx"), MODELS.resolve("fixtures/two-inputs.onnx"));
  private static final int MAX_RUN_VALUES = 1 << 20;
  private static final Path CURRENT = Path.of("target", "fuzz-onnx", "current.onnx");

  private final OrtModelLoader loader = OrtModelLoader.of();
  private Tally tally;

  @Property(shrinking = ShrinkingMode.OFF)
  @FuzzTries(shortPass = 300, fullPass = 10_000)
  void load_mutatedModel_runsOrModelLoadException(@ForAll("models") Payload p) throws IOException {
    if (tally == null) tally = new Tally("onnx");
    Files.createDirectories(CURRENT.getParent());
    Files.write(CURRENT, p.bytes());
    LoadedModel model;
    try {
      model = loader.load(CURRENT, RunnerOptions.ofDefaults());
    } catch (ModelLoadException e) {
      String m = e.getMessage();
      if (m == null || !m.startsWith("model " + CURRENT + ": ")) {
        throw new AssertionError("load rejection does not name the file: " + m + "\ninput " + p.how(), e);
      }
      tally.rejected(kind(m));
      return;
    }
    try (model) {
      int in = model.signature().inputSize();
      int out = model.signature().outputSize();
      if (in > MAX_RUN_VALUES || out > MAX_RUN_VALUES) {
        tally.rejected("loaded-too-large-to-run");
        return;
      }
      try (ModelRunner runner = model.newRunner()) {
        runner.run(new float[in], new float[out]);
        tally.accepted();
      } catch (InferenceException e) {
        tally.rejected("run-failed");
      }
    }
  }

  @Provide
  Arbitrary<Payload> models() {
    List<byte[]> seeds = SEEDS.stream().map(OnnxFileFuzzTest::read).toList();
    List<ProtoMutator> protos = seeds.stream().map(ProtoMutator::new).toList();
    return Arbitraries.randomValue(r -> mutate(seeds, protos, r));
  }

  @AfterProperty
  void report() {
    if (tally != null) tally.print();
  }

  private static Payload mutate(List<byte[]> seeds, List<ProtoMutator> protos, Random r) {
    int s = r.nextInt(seeds.size());
    byte[] b = seeds.get(s).clone();
    String seed = SEEDS.get(s).getFileName().toString().equals("model.onnx")
        ? SEEDS.get(s).getParent().getFileName().toString() : SEEDS.get(s).getFileName().toString();
    int roll = r.nextInt(100);
    if (roll < 50) {
      Payload p = protos.get(s).mutate(r);
      return new Payload(seed + " " + p.how(), p.bytes());
    }
    if (roll < 60) {
      int n = r.nextInt(b.length);
      return new Payload(seed + " truncated@" + n, Arrays.copyOf(b, n));
    }
    if (roll < 75) {
      int n = 1 + r.nextInt(8);
      for (int i = 0; i < n; i++) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
      return new Payload(seed + " bitflips×" + n, b);
    }
    if (roll < 85) {
      byte[] other = seeds.get(r.nextInt(seeds.size()));
      int head = r.nextInt(b.length);
      int tail = r.nextInt(other.length);
      byte[] c = Arrays.copyOf(b, head + other.length - tail);
      System.arraycopy(other, tail, c, head, other.length - tail);
      return new Payload(seed + " spliced@" + head + "+" + tail, c);
    }
    if (roll < 95) {
      int from = r.nextInt(b.length);
      int to = Math.min(b.length, from + 1 + r.nextInt(64));
      byte[] c = new byte[b.length - (to - from)];
      System.arraycopy(b, 0, c, 0, from);
      System.arraycopy(b, to, c, from, b.length - to);
      return new Payload(seed + " cut[" + from + "," + to + ")", c);
    }
    return JsonMutator.randomBytes(r);
  }

  private static String kind(String message) {
    if (message.contains("not a loadable ONNX model")) return "ort-rejected";
    if (message.contains("file is empty")) return "empty";
    if (message.contains("exactly 1 input")) return "input-count";
    if (message.contains("must be float32") || message.contains("must be a tensor")) return "input-type";
    if (message.contains("dynamic dim")) return "dynamic-shape";
    if (message.contains("batch 1")) return "batch";
    if (message.contains("no outputs")) return "no-output";
    if (message.contains("fit one buffer")) return "too-large";
    return "other";
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
