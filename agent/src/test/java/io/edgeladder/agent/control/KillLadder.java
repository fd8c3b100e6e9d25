package io.edgeladder.agent.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeladder.protocol.dist.Sha256;
import io.edgeladder.protocol.testing.SlowVariant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A ladder folder for the kill tests, from the committed demo ladder: {@code fp32.onnx} and {@code qat.onnx}
 * copied next to {@code ladder.json} (so a test may tamper with its copy), optionally with a {@link SlowVariant}
 * rung {@code slow} (fp32's outputs, far more CPU: its warm-up keeps a swap in LOADING/WARMING for a second or
 * two). The slow rung claims less accuracy, so only a pin makes the policy choose it.
 */
final class KillLadder {
  static final String SLOW = "slow";
  private static final ObjectMapper JSON = new ObjectMapper();

  private KillLadder() {}

  /** Writes the ladder to {@code dir} and returns {@code dir/ladder.json}. */
  static Path write(Path dir, int slowMatmuls) throws IOException {
    Files.createDirectories(dir);
    ObjectNode ladder = (ObjectNode) JSON.readTree(TestRelease.LADDER.toFile());
    ArrayNode variants = (ArrayNode) ladder.get("variants");
    ObjectNode fp32 = null;
    for (int i = 0; i < variants.size(); i++) {
      ObjectNode v = (ObjectNode) variants.get(i);
      if (v.get("file") == null || v.get("file").isNull()) continue;
      Path from = TestRelease.LADDER.getParent().resolve(v.get("file").asText()).normalize();
      String id = v.get("id").asText();
      Files.copy(from, dir.resolve(id + ".onnx"));
      v.put("file", id + ".onnx");
      if (id.equals("fp32")) fp32 = v;
    }
    if (slowMatmuls > 0) {
      Path slow = SlowVariant.write(dir.resolve("fp32.onnx"), slowMatmuls, dir.resolve(SLOW + ".onnx"));
      ObjectNode v = fp32.deepCopy();
      v.put("id", SLOW).put("file", SLOW + ".onnx").put("sha256", Sha256.hex(slow)).put("sizeBytes", Files.size(slow))
          .put("compressedSizeBytes", Files.size(slow)).put("accuracy", 0.5);
      v.putArray("techniques").add("test:dead-matmul-chain:" + slowMatmuls);
      int at = 0;
      while (at < variants.size() && "accepted".equals(variants.get(at).path("status").asText())) at++;
      variants.insert(at, v); // the last accepted rung: ranked by accuracy, before every rejected one
    }
    Path file = dir.resolve("ladder.json");
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), ladder);
    return file;
  }
}
