package io.edgeladder.protocol.dist;

import io.edgeladder.protocol.ModelCard;
import io.edgeladder.protocol.ladder.Agreement;
import io.edgeladder.protocol.ladder.Golden;
import io.edgeladder.protocol.ladder.GoldenInput;
import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.Latency;
import io.edgeladder.protocol.ladder.Precision;
import io.edgeladder.protocol.ladder.ReferenceHost;
import io.edgeladder.protocol.ladder.VariantEntry;
import io.edgeladder.protocol.ladder.VariantStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Real files and a ladder whose accepted rungs are those files, for release, signing and chunk tests. */
public final class DistSamples {
  public static final int CHUNK = 64 * 1024;

  private DistSamples() {}

  /** A file of {@code size} seeded random bytes (deterministic). */
  public static Path file(Path dir, String name, int size, long seed) throws IOException {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return Files.write(dir.resolve(name), bytes);
  }

  public static VariantEntry entry(String id, Artifact a, double accuracy, boolean accepted) {
    VariantEntry e = new VariantEntry(id, id + ".onnx", a.sha256(), a.size(), a.size(), Precision.FP32, List.of(),
        accuracy, Map.of(), new Agreement(1.0, 0, 0, 0, 0), new Latency(0.05, 0.1, 1, 10, 100), null, 100L, 100L,
        VariantStatus.ACCEPTED, null, new Golden("validation-0", new float[] {1.5f, -2f}));
    return accepted ? e : e.reject("slower than fp32");
  }

  public static LadderManifest ladder(List<VariantEntry> variants) {
    ModelCard.Input in = new ModelCard.Input("input", new long[] {1, 3, 4}, "NCW", List.of("x", "y", "z"), 10_000,
        4, 2, new ModelCard.Normalization(new float[] {0, 0, 0}, new float[] {1, 1, 1}));
    GoldenInput golden = GoldenInput.of("validation-0", 0, new long[] {1, 3, 4}, new float[12]);
    return new LadderManifest(1, "vibration-cnn", variants.get(0).sha256(), "2025-01-31T12:00:00Z",
        new ReferenceHost("Test CPU", 2, "Linux", "amd64", "17", "1.29.0", 1), List.of("a", "b"), in,
        new ModelCard.Output("logits", new long[] {1, 2}, "logits"), golden, variants);
  }

  /** A release of two accepted rungs (fp32: 300 001 bytes, 5 chunks; int8: 65 536 bytes, 1 chunk). */
  public static Release release(Path dir) throws IOException {
    Chunker chunker = Chunker.of(CHUNK);
    Artifact fp32 = chunker.describe("fp32", file(dir, "fp32.onnx", 300_001, 1));
    Artifact int8 = chunker.describe("int8", file(dir, "int8.onnx", CHUNK, 2));
    List<VariantEntry> entries = new ArrayList<>(List.of(entry("fp32", fp32, 0.98, true),
        entry("int8", int8, 0.97, true)));
    return new Release(1, "vibration-cnn", Instant.parse("2025-02-01T08:00:00Z"), ladder(entries),
        List.of(fp32, int8));
  }
}
