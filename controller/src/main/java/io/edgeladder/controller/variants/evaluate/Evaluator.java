package io.edgeladder.controller.variants.evaluate;

import io.edgeladder.protocol.ladder.GoldenInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Measures model files against an fp32 reference on a normalised validation set: accuracy and further
 * {@link Metric}s, agreement with the reference, latency on this host, size, parameters.
 *
 * <p>The reference runs once at {@link #create}; each {@link #evaluate} loads the candidate in its own
 * ORT session (closed before returning), runs every validation window, then times the golden window.
 * Not thread-safe: evaluate one model at a time so latencies do not disturb each other.
 */
public final class Evaluator {
  private final ValidationSet set;
  private final EvaluationSettings settings;
  private final List<Metric> metrics;
  private final LatencyMeter meter;
  private final int[] labels;
  private final float[][] referenceOutputs;
  private final Evaluation reference;

  private Evaluator(ValidationSet set, EvaluationSettings settings, List<Metric> metrics, LongSupplier nanoTicker,
      Path referenceModel) throws IOException, ModelEvaluationException {
    if (!set.normalized()) {
      throw new IllegalArgumentException("evaluator needs a normalised validation set; call normalize(card) first");
    }
    if (settings.goldenIndex() >= set.size()) {
      throw new IllegalArgumentException("evaluation goldenIndex must be < " + set.size() + " but was "
          + settings.goldenIndex());
    }
    this.set = set;
    this.settings = settings;
    this.metrics = List.copyOf(metrics);
    this.meter = new LatencyMeter(nanoTicker, settings);
    this.labels = new int[set.size()];
    for (int i = 0; i < labels.length; i++) labels[i] = set.label(i);
    Measured ref = measure(referenceModel, null);
    this.referenceOutputs = ref.outputs;
    this.reference = ref.evaluation;
  }

  /**
   * Runs the reference model on the validation set and returns an evaluator for candidates.
   *
   * @param referenceModel the fp32 base model file
   * @param set validation set, normalised for the reference model
   * @param metrics further metrics besides top-1 accuracy (e.g. {@link Metric#macroF1()})
   * @throws IOException when the reference file cannot be read
   * @throws ModelEvaluationException when the reference cannot be loaded or run
   */
  public static Evaluator create(Path referenceModel, ValidationSet set, EvaluationSettings settings,
      List<Metric> metrics) throws IOException, ModelEvaluationException {
    return create(referenceModel, set, settings, metrics, System::nanoTime);
  }

  /** As {@link #create(Path, ValidationSet, EvaluationSettings, List)}, timing with {@code nanoTicker}. */
  public static Evaluator create(Path referenceModel, ValidationSet set, EvaluationSettings settings,
      List<Metric> metrics, LongSupplier nanoTicker) throws IOException, ModelEvaluationException {
    return new Evaluator(set, settings, metrics, nanoTicker, referenceModel);
  }

  /** The reference measured against itself (agreement 1, differences 0). */
  public Evaluation reference() {
    return reference;
  }

  /**
   * Measures {@code candidate} against the reference.
   *
   * @throws IOException when the file cannot be read
   * @throws ModelEvaluationException when it is not ONNX, ONNX Runtime cannot load or run it, its input
   *     does not fit the validation windows, its output size differs from the reference's, or it outputs
   *     non-finite values
   */
  public Evaluation evaluate(Path candidate) throws IOException, ModelEvaluationException {
    return measure(candidate, referenceOutputs).evaluation;
  }

  /** The golden input: validation window {@code goldenIndex}, normalised. */
  public GoldenInput goldenInput() {
    int i = settings.goldenIndex();
    return GoldenInput.of("validation-" + i, set.label(i), set.inputShape(), set.windowView(i));
  }

  public EvaluationSettings settings() {
    return settings;
  }

  private record Measured(Evaluation evaluation, float[][] outputs) {}

  private Measured measure(Path file, float[][] refOutputs) throws IOException, ModelEvaluationException {
    byte[] bytes = Files.readAllBytes(file);
    String label = "model " + file;
    ModelFiles.ParameterCount params = ModelFiles.parameters(label, bytes);
    try (OrtModel model = OrtModel.load(label, bytes, set.inputShape(), settings.intraOpThreads())) {
      if (refOutputs != null && model.outputSize() != refOutputs[0].length) {
        throw new ModelEvaluationException(label + ": output has " + model.outputSize()
            + " values but the reference's has " + refOutputs[0].length);
      }
      if (model.outputSize() != set.classes().size()) {
        throw new ModelEvaluationException(label + ": output has " + model.outputSize() + " values but the "
            + "validation set has " + set.classes().size() + " classes");
      }
      float[][] outputs = new float[set.size()][model.outputSize()];
      int[] predicted = new int[set.size()];
      for (int i = 0; i < outputs.length; i++) {
        model.run(set.windowView(i), outputs[i]);
        for (float v : outputs[i]) {
          if (!Float.isFinite(v)) throw new ModelEvaluationException(label + ": output for window " + i + " is not finite: " + v);
        }
        predicted[i] = AgreementAccumulator.argmax(outputs[i]);
      }
      float[][] against = refOutputs == null ? outputs : refOutputs;
      AgreementAccumulator agreement = new AgreementAccumulator(model.outputSize());
      for (int i = 0; i < outputs.length; i++) agreement.add(outputs[i], against[i]);
      int classes = set.classes().size();
      Map<String, Double> scores = new LinkedHashMap<>();
      for (Metric m : metrics) scores.put(m.name(), m.score(labels, predicted, classes));
      float[] golden = outputs[settings.goldenIndex()].clone();
      Evaluation evaluation = new Evaluation(file, ModelFiles.sha256(bytes), bytes.length, ModelFiles.gzipSize(bytes),
          params.total(), params.nonZero(), Metric.top1Accuracy().score(labels, predicted, classes), scores,
          agreement.result(), meter.measure(model, set.windowView(settings.goldenIndex())), golden, null);
      return new Measured(evaluation, outputs);
    }
  }
}
