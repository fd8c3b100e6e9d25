package io.edgeladder.controller.variants.evaluate;

import io.edgeladder.protocol.ladder.Agreement;
import io.edgeladder.protocol.ladder.Latency;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * What the {@link Evaluator} measured for one model file.
 *
 * @param file the evaluated file
 * @param sha256 hex sha256 of the file
 * @param sizeBytes file size
 * @param compressedSizeBytes gzip level-9 size
 * @param parameters initializer elements
 * @param nonZeroParameters non-zero initializer elements
 * @param accuracy top-1 accuracy on the validation set, in [0, 1]
 * @param metrics the evaluator's further metrics by name
 * @param agreement agreement with the fp32 reference
 * @param latency p50/p99 on this host with the evaluator's settings
 * @param goldenOutput raw output on the golden input
 * @param macs multiply-accumulates per inference; the evaluator does not count them ({@code null}), the
 *     caller fills them from the graph IR with {@link #withMacs(long)}
 */
public record Evaluation(
    Path file,
    String sha256,
    long sizeBytes,
    long compressedSizeBytes,
    long parameters,
    long nonZeroParameters,
    double accuracy,
    Map<String, Double> metrics,
    Agreement agreement,
    Latency latency,
    float[] goldenOutput,
    Long macs) {

  public Evaluation {
    if (file == null || sha256 == null || agreement == null || latency == null || goldenOutput == null) {
      throw new IllegalArgumentException("evaluation of " + file + " lacks file, sha256, agreement, latency or golden output");
    }
    if (!(accuracy >= 0 && accuracy <= 1)) {
      throw new IllegalArgumentException("evaluation of " + file + ": accuracy must be in [0, 1] but was " + accuracy);
    }
    metrics = Map.copyOf(metrics);
    goldenOutput = goldenOutput.clone();
  }

  public Evaluation withMacs(long macs) {
    if (macs < 0) throw new IllegalArgumentException("evaluation of " + file + ": macs must be >= 0 but was " + macs);
    return new Evaluation(file, sha256, sizeBytes, compressedSizeBytes, parameters, nonZeroParameters, accuracy,
        metrics, agreement, latency, goldenOutput, macs);
  }

  @Override
  public float[] goldenOutput() {
    return goldenOutput.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Evaluation e && sha256.equals(e.sha256) && file.equals(e.file) && accuracy == e.accuracy
        && metrics.equals(e.metrics) && agreement.equals(e.agreement) && latency.equals(e.latency)
        && Arrays.equals(goldenOutput, e.goldenOutput) && java.util.Objects.equals(macs, e.macs)
        && sizeBytes == e.sizeBytes && compressedSizeBytes == e.compressedSizeBytes
        && parameters == e.parameters && nonZeroParameters == e.nonZeroParameters;
  }

  @Override
  public int hashCode() {
    return sha256.hashCode() * 31 + file.hashCode();
  }

  @Override
  public String toString() {
    return "Evaluation[" + file + " accuracy=" + accuracy + " " + agreement + " " + latency + " size=" + sizeBytes
        + " gzip=" + compressedSizeBytes + " parameters=" + parameters + " macs=" + macs + "]";
  }
}
