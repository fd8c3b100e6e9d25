package io.edgeladder.controller.variants.ladder;

import io.edgeladder.controller.variants.evaluate.Evaluation;
import io.edgeladder.controller.variants.evaluate.ModelFiles;
import io.edgeladder.protocol.ladder.Golden;
import io.edgeladder.protocol.ladder.VariantEntry;
import io.edgeladder.protocol.ladder.VariantStatus;

/** Turns evaluator results into manifest entries. */
final class VariantEntries {
  private VariantEntries() {}

  /** A measured variant, accepted until {@link LadderRanking} says otherwise. */
  static VariantEntry measured(Candidate c, Evaluation e, String goldenInputId) {
    Long macs = c.macs() != null ? c.macs() : e.macs();
    return new VariantEntry(c.id(), c.fileName(), e.sha256(), e.sizeBytes(), e.compressedSizeBytes(), c.precision(),
        c.techniques(), e.accuracy(), e.metrics(), e.agreement(), e.latency(), macs, e.parameters(),
        e.nonZeroParameters(), VariantStatus.ACCEPTED, null, new Golden(goldenInputId, e.goldenOutput()));
  }

  /** A variant that could be read but not measured: kept, rejected, with the evaluator's reason. */
  static VariantEntry failed(Candidate c, byte[] bytes, String reason) {
    return new VariantEntry(c.id(), c.fileName(), ModelFiles.sha256(bytes), bytes.length,
        ModelFiles.gzipSize(bytes), c.precision(), c.techniques(), null, null, null, null, c.macs(),
        null, null, VariantStatus.REJECTED, "load failure: " + reason, null);
  }
}
