package io.edgeladder.controller.store.fleet;

import io.edgeladder.controller.store.Require;

/**
 * One pipeline's counters and rates from one heartbeat; rollout gates compare these between the
 * canary and the previous variant.
 *
 * @param variantSha256 sha256 of the variant file that served, {@code null} if the agent did not say
 * @param windows windows cut since the agent started (cumulative)
 * @param results results published (cumulative)
 * @param deadlineMisses deadline misses (cumulative)
 * @param errors inference errors (cumulative)
 * @param missRate deadline misses / windows over the last heartbeat interval, 0..1
 * @param errorRate errors / windows over the last heartbeat interval, 0..1
 * @param p99Ms 99th percentile end-to-end latency over the last heartbeat interval, milliseconds
 */
public record PipelineKpis(
    String pipeline,
    String activeVariant,
    String variantSha256,
    long windows,
    long results,
    long deadlineMisses,
    long errors,
    double missRate,
    double errorRate,
    double p99Ms) {
  public PipelineKpis {
    Require.id("pipelines[].name", pipeline, 128);
    Require.id("pipelines[" + pipeline + "].activeVariant", activeVariant, 128);
    Require.optionalSha256("pipelines[" + pipeline + "].variantSha256", variantSha256);
    Require.nonNegative("pipelines[" + pipeline + "].windows", windows);
    Require.nonNegative("pipelines[" + pipeline + "].results", results);
    Require.nonNegative("pipelines[" + pipeline + "].deadlineMisses", deadlineMisses);
    Require.nonNegative("pipelines[" + pipeline + "].errors", errors);
    Require.fraction("pipelines[" + pipeline + "].missRate", missRate);
    Require.fraction("pipelines[" + pipeline + "].errorRate", errorRate);
    Require.nonNegative("pipelines[" + pipeline + "].p99Ms", p99Ms);
  }
}
