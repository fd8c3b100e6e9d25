package io.edgeladder.bench.ladder;

import io.edgeladder.protocol.ladder.VariantEntry;
import java.util.List;

/**
 * One ladder entry with its ratios against fp32 measured in the same run ({@code null} when not measured).
 *
 * @param accuracyDropPt fp32 accuracy minus this one's, in percentage points
 * @param p50Ratio p50 latency / fp32's (below 1: faster)
 * @param speedup fp32 p50 / this p50
 */
record LadderRow(String id, String status, String precision, List<String> techniques, Double accuracy,
    Double accuracyDropPt, Double p50Ms, Double p99Ms, Double p50Ratio, Double p99Ratio, Double speedup,
    long sizeBytes, double sizeRatio, long compressedSizeBytes, double compressedRatio, Long macs, Double macsRatio,
    String reason) {

  static LadderRow of(VariantEntry e, VariantEntry base) {
    boolean measured = e.accuracy() != null && e.latency() != null;
    return new LadderRow(e.id(), e.status().name().toLowerCase(java.util.Locale.ROOT), e.precision().label(),
        e.techniques(), e.accuracy(), measured ? (base.accuracy() - e.accuracy()) * 100 : null,
        measured ? e.latency().p50Ms() : null, measured ? e.latency().p99Ms() : null,
        measured ? e.latency().p50Ms() / base.latency().p50Ms() : null,
        measured ? e.latency().p99Ms() / base.latency().p99Ms() : null,
        measured ? base.latency().p50Ms() / e.latency().p50Ms() : null,
        e.sizeBytes(), (double) e.sizeBytes() / base.sizeBytes(), e.compressedSizeBytes(),
        (double) e.compressedSizeBytes() / base.compressedSizeBytes(), e.macs(),
        e.macs() == null || base.macs() == null ? null : (double) e.macs() / base.macs(), e.rejectReason());
  }

  boolean measured() {
    return accuracy != null && p50Ms != null;
  }
}
