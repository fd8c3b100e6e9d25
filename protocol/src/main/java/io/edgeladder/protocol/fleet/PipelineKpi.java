package io.edgeladder.protocol.fleet;

import io.edgeladder.protocol.Fields;

/**
 * One pipeline's figures in a {@link Heartbeat}: what rollout gates compare against the previous variant.
 * Counters are cumulative since the process started (per incarnation); rates and p99 cover the last
 * heartbeat interval.
 *
 * @param name pipeline name
 * @param activeVariant variant id serving at the end of the interval
 * @param variantSha256 its ONNX file's sha256
 * @param windows windows cut
 * @param results results published
 * @param deadlineMisses results that missed their deadline plus windows shed
 * @param errors inference failures
 * @param missRate deadline misses / windows over the interval, 0..1
 * @param errorRate errors / windows over the interval, 0..1
 * @param p99Ms p99 end-to-end latency (queue + run) over the interval in ms, 0 when no result
 */
public record PipelineKpi(
    String name,
    String activeVariant,
    String variantSha256,
    long windows,
    long results,
    long deadlineMisses,
    long errors,
    double missRate,
    double errorRate,
    double p99Ms) {
  private static final String R = "PipelineKpi";

  public PipelineKpi {
    Fields.id(R, "name", name);
    Fields.text(R, "activeVariant", activeVariant);
    Fields.sha256(R, "variantSha256", variantSha256);
    Fields.atLeast(R, "windows", 0, windows);
    Fields.atLeast(R, "results", 0, results);
    Fields.atLeast(R, "deadlineMisses", 0, deadlineMisses);
    Fields.atLeast(R, "errors", 0, errors);
    Fields.fraction(R, "missRate", missRate);
    Fields.fraction(R, "errorRate", errorRate);
    Fields.nonNegative(R, "p99Ms", p99Ms);
  }
}
