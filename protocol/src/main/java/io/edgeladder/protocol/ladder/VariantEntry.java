package io.edgeladder.protocol.ladder;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One variant of a ladder with what was measured about it. Rejected variants stay in the manifest with
 * the reason; their measurements are present when the variant could be measured at all (a variant that
 * failed to load has none).
 *
 * @param id unique within the manifest, e.g. {@code int8-static}
 * @param file ONNX file name relative to the manifest's folder
 * @param sha256 hex sha256 of the file
 * @param sizeBytes file size
 * @param compressedSizeBytes gzip (level 9) size of the file: what sparsity saves in transfer
 * @param precision weights/compute precision
 * @param techniques the chain of techniques applied to the base, in order, e.g.
 *     {@code ["channel-prune:0.5", "int8-static-qdq"]}; empty for the base
 * @param accuracy top-1 accuracy on the validation set in [0, 1], {@code null} when not measured
 * @param metrics further validation metrics by name (e.g. {@code macroF1}), each in [0, 1]
 * @param agreement agreement with the fp32 reference, {@code null} when not measured
 * @param latency latency on the reference host, {@code null} when not measured
 * @param macs multiply-accumulates per inference, {@code null} when unknown
 * @param parameters weight elements (all initializers), {@code null} when not measured
 * @param nonZeroParameters non-zero weight elements, {@code null} when not measured
 * @param status accepted (a rung) or rejected
 * @param rejectReason why it was rejected; {@code null} when accepted
 * @param golden output on the golden input, {@code null} when not measured
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VariantEntry(
    String id,
    String file,
    String sha256,
    long sizeBytes,
    long compressedSizeBytes,
    Precision precision,
    List<String> techniques,
    Double accuracy,
    Map<String, Double> metrics,
    Agreement agreement,
    Latency latency,
    Long macs,
    Long parameters,
    Long nonZeroParameters,
    VariantStatus status,
    String rejectReason,
    Golden golden) {

  public VariantEntry {
    Checks.text("variant.id", id);
    String at = "variant " + id + " ";
    Checks.text(at + "file", file);
    Checks.sha256(at + "sha256", sha256);
    Checks.nonNegative(at + "sizeBytes", sizeBytes);
    Checks.nonNegative(at + "compressedSizeBytes", compressedSizeBytes);
    if (precision == null) throw new IllegalArgumentException("ladder " + at + "precision is missing");
    if (status == null) throw new IllegalArgumentException("ladder " + at + "status is missing");
    techniques = techniques == null ? List.of() : Checks.list(at + "techniques", techniques);
    for (String t : techniques) Checks.text(at + "technique", t);
    metrics = metrics == null ? Map.of() : Checks.map(at + "metrics", metrics);
    metrics.forEach((name, v) -> Checks.fraction(at + "metrics." + name, v));
    if (accuracy != null) Checks.fraction(at + "accuracy", accuracy);
    if (macs != null && macs < 0) throw new IllegalArgumentException("ladder " + at + "macs must be >= 0 but was " + macs);
    if (parameters != null && parameters < 0) {
      throw new IllegalArgumentException("ladder " + at + "parameters must be >= 0 but was " + parameters);
    }
    if (nonZeroParameters != null && parameters != null && (nonZeroParameters < 0 || nonZeroParameters > parameters)) {
      throw new IllegalArgumentException(
          "ladder " + at + "nonZeroParameters must be in [0, " + parameters + "] but was " + nonZeroParameters);
    }
    if (status == VariantStatus.ACCEPTED) {
      List<String> missing = new ArrayList<>();
      if (accuracy == null) missing.add("accuracy");
      if (agreement == null) missing.add("agreement");
      if (latency == null) missing.add("latency");
      if (parameters == null) missing.add("parameters");
      if (golden == null) missing.add("golden");
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException("ladder " + at + "is accepted but lacks " + String.join(", ", missing));
      }
      if (rejectReason != null) {
        throw new IllegalArgumentException("ladder " + at + "is accepted but has rejectReason " + rejectReason);
      }
    } else {
      Checks.text(at + "rejectReason (status rejected)", rejectReason);
    }
  }

  /** This entry with status rejected and the given reason. */
  public VariantEntry reject(String reason) {
    return new VariantEntry(id, file, sha256, sizeBytes, compressedSizeBytes, precision, techniques, accuracy,
        metrics, agreement, latency, macs, parameters, nonZeroParameters, VariantStatus.REJECTED, reason, golden);
  }

  public boolean accepted() {
    return status == VariantStatus.ACCEPTED;
  }
}
