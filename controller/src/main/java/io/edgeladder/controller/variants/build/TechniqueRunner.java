package io.edgeladder.controller.variants.build;

import io.edgeladder.controller.variants.ladder.Candidate;
import io.edgeladder.controller.variants.onnx.OnnxIo;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import io.edgeladder.controller.variants.passes.Compose;
import io.edgeladder.controller.variants.passes.PassContext;
import io.edgeladder.controller.variants.passes.PassException;
import io.edgeladder.controller.variants.passes.PassResult;
import io.edgeladder.protocol.ladder.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Applies one technique to the base and writes the variant file. A pass that fails or changes nothing
 * yields an empty placeholder file (so the ladder entry's file resolves) and a reason; it never stops
 * the build.
 */
final class TechniqueRunner {
  private final LongSupplier nanoTicker;
  private final Consumer<String> progress;

  TechniqueRunner(LongSupplier nanoTicker, Consumer<String> progress) {
    this.nanoTicker = nanoTicker;
    this.progress = progress;
  }

  /** The outcome and the candidate to measure (a placeholder when not applied). */
  record Step(PassOutcome outcome, Candidate candidate) {}

  Step run(Technique t, int index, int total, OnnxModel base, PassContext ctx, Path dir) throws IOException {
    long start = nanoTicker.getAsLong();
    Path file = dir.resolve(t.id() + ".onnx");
    PassResult r = null;
    String reason;
    try {
      r = t.pass().apply(base, ctx);
      reason = r.changed() ? null : "technique did not change the model: " + String.join("; ", r.notes());
    } catch (PassException | RuntimeException e) {
      // A pass failure is a rejected rung with its reason, not a failed build.
      reason = "pass failed: " + e.getMessage();
    }
    if (reason == null) {
      try {
        OnnxIo.write(r.model(), file);
      } catch (RuntimeException e) {
        reason = "pass failed: cannot write the variant: " + e.getMessage();
      }
    }
    double seconds = (nanoTicker.getAsLong() - start) / 1e9;
    PassOutcome outcome;
    Candidate candidate;
    if (reason == null) {
      List<String> chain = Arrays.asList(r.technique().split(java.util.regex.Pattern.quote(Compose.SEPARATOR)));
      Precision precision = PrecisionOf.of(r);
      outcome = new PassOutcome(t.spec(), t.id(), true, chain, precision, r.notes(), null, seconds);
      candidate = new Candidate(t.id(), file, precision, chain, null);
      progress.accept(String.format(Locale.ROOT, "[%d/%d] %s … %.1f s  %s, %s", index, total, t.spec(), seconds,
          String.join(Compose.SEPARATOR, chain), precision.label()));
    } else {
      Files.deleteIfExists(file);
      Files.createFile(file);
      outcome = new PassOutcome(t.spec(), t.id(), false, List.of(), Precision.FP32,
          r == null ? List.of() : r.notes(), reason, seconds);
      candidate = new Candidate(t.id(), file, Precision.FP32, List.of(), null);
      progress.accept(String.format(Locale.ROOT, "[%d/%d] %s … %.1f s  REJECTED: %s", index, total, t.spec(),
          seconds, reason));
    }
    return new Step(outcome, candidate);
  }
}
