package io.edgeladder.controller.variants.ladder;

import io.edgeladder.controller.variants.evaluate.Evaluation;
import io.edgeladder.controller.variants.evaluate.ModelFiles;
import io.edgeladder.controller.variants.onnx.ModelStats;
import io.edgeladder.controller.variants.onnx.OnnxIo;
import io.edgeladder.protocol.ladder.Golden;
import io.edgeladder.protocol.ladder.VariantEntry;
import io.edgeladder.protocol.ladder.VariantStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns evaluator results into manifest entries. */
final class VariantEntries {
  private VariantEntries() {}

  private static final Logger LOG = LoggerFactory.getLogger(VariantEntries.class);

  /**
   * A measured variant, accepted until {@link LadderRanking} says otherwise. MACs come from the
   * candidate when its producer counted them, else from the IR's {@link ModelStats} of {@code bytes}.
   */
  static VariantEntry measured(Candidate c, byte[] bytes, Evaluation e, String goldenInputId) {
    Long macs = c.macs() != null ? c.macs() : e.macs() != null ? e.macs() : countMacs(c, bytes);
    return new VariantEntry(c.id(), c.fileName(), e.sha256(), e.sizeBytes(), e.compressedSizeBytes(), c.precision(),
        c.techniques(), e.accuracy(), e.metrics(), e.agreement(), e.latency(), macs, e.parameters(),
        e.nonZeroParameters(), VariantStatus.ACCEPTED, null, new Golden(goldenInputId, e.goldenOutput()));
  }

  private static Long countMacs(Candidate c, byte[] bytes) {
    try {
      return ModelStats.of(OnnxIo.read(bytes, c.file().toString())).macs();
    } catch (RuntimeException ex) {
      // ORT ran the model, so this is an IR limitation: the manifest says "unknown" (no macs) instead
      LOG.warn("ladder: cannot count MACs of {} ({}): {}", c.id(), c.file(), ex.getMessage());
      return null;
    }
  }

  /** A variant that could be read but not measured: kept, rejected, with the evaluator's reason. */
  static VariantEntry failed(Candidate c, byte[] bytes, String reason) {
    return new VariantEntry(c.id(), c.fileName(), ModelFiles.sha256(bytes), bytes.length,
        ModelFiles.gzipSize(bytes), c.precision(), c.techniques(), null, null, null, null, c.macs(),
        null, null, VariantStatus.REJECTED, "load failure: " + reason, null);
  }
}
