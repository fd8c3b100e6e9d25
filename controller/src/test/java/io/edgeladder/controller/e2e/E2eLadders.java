package io.edgeladder.controller.e2e;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeladder.controller.distribution.Ladders;
import io.edgeladder.protocol.dist.Sha256;
import io.edgeladder.protocol.testing.SlowVariant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Ladder folders for the fleet tests, all derived from the committed demo ladder ({@code configs/ladder}: fp32
 * and qat, accuracies from a real evaluation): the ladder itself, the same ladder rebuilt at another time (a
 * second release with the same artifacts), and the ladder with a {@link SlowVariant} rung {@code slow} whose
 * measurements in the manifest are its own (sha256, sizes, MACs, latency measured here). Stateless.
 */
final class E2eLadders {
  static final Path COMMITTED = Ladders.LADDER;
  static final String SLOW = "slow";
  /**
   * Links in the slow variant's MatMul chain: about 0.067 ms each on the 2-core EPYC this was tuned on (1000
   * links took 66.7 ms at best at load average 5), so some 40 ms of CPU per window: twice
   * {@link FleetRig#DEADLINE_MS}, so it misses every deadline. (The agent profiles it 110 times on install, so
   * more links cost test time.)
   */
  static final int SLOW_MATMULS = 600;
  /** A cheap extra rung (about 1 ms): a new 4 MB artifact for the distribution tests. */
  static final int WIDE_MATMULS = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  private E2eLadders() {}

  /** The committed ladder with another {@code createdAt}: a different release of the same artifacts. */
  static Path rebuilt(Path dir, String createdAt) throws IOException {
    Ladders.copy(dir);
    ObjectNode ladder = read(dir);
    ladder.put("createdAt", createdAt);
    write(dir, ladder);
    return dir;
  }

  /**
   * The committed ladder plus rung {@code id} after fp32: fp32's outputs through a {@link SlowVariant} chain of
   * {@code matmuls} links.
   */
  static Path withExtraRung(Path dir, String id, int matmuls) throws IOException, OrtException {
    Ladders.copy(dir);
    Path slow = SlowVariant.write(dir.resolve("fp32.onnx"), matmuls, dir.resolve(id + ".onnx"));
    ObjectNode ladder = read(dir);
    ArrayNode variants = (ArrayNode) ladder.get("variants");
    ObjectNode fp32 = (ObjectNode) variants.get(0);
    ObjectNode v = fp32.deepCopy();
    v.put("id", id).put("file", id + ".onnx").put("sha256", Sha256.hex(slow)).put("sizeBytes", Files.size(slow))
        .put("compressedSizeBytes", gzipSize(slow));
    v.putArray("techniques").add("test:dead-matmul-chain:" + matmuls);
    long extraParams = (long) SlowVariant.WIDTH * SlowVariant.WIDTH + 1;
    v.put("macs", fp32.get("macs").asLong() + 3L * matmuls * SlowVariant.WIDTH * SlowVariant.WIDTH);
    v.put("parameters", fp32.get("parameters").asLong() + extraParams);
    v.put("nonZeroParameters", fp32.get("nonZeroParameters").asLong() + extraParams - 1);
    double[] p50p99 = latencyMs(slow);
    ((ObjectNode) v.get("latency")).put("p50Ms", p50p99[0]).put("p99Ms", p50p99[1]).put("warmupRuns", 1)
        .put("timedRuns", 5);
    variants.insert(1, v);
    ladder.put("createdAt", "2026-11-24T03:00:" + (10 + matmuls % 50) + "Z");
    write(dir, ladder);
    return dir;
  }

  private static ObjectNode read(Path dir) throws IOException {
    return (ObjectNode) JSON.readTree(dir.resolve("ladder.json").toFile());
  }

  private static void write(Path dir, ObjectNode ladder) throws IOException {
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("ladder.json").toFile(), ladder);
  }

  private static long gzipSize(Path file) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes) {
      {
        def.setLevel(Deflater.BEST_COMPRESSION);
      }
    }) {
      gz.write(Files.readAllBytes(file));
    }
    return bytes.size();
  }

  /** p50 and max of 5 single-thread runs after 1 warm-up, on a fixed input. */
  private static double[] latencyMs(Path model) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
      o.setIntraOpNumThreads(1);
      try (OrtSession s = env.createSession(model.toString(), o);
          OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[3 * 1024]), new long[] {1, 3, 1024})) {
        double[] ms = new double[5];
        for (int i = -1; i < ms.length; i++) {
          long t0 = System.nanoTime();
          s.run(Map.of("input", x)).close();
          if (i >= 0) ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[ms.length / 2], ms[ms.length - 1]};
      }
    }
  }
}
