package io.edgeladder.bench.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.edgeladder.protocol.dist.Sha256;
import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.VariantEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's ladder is a real, readable ladder of ~5 MB whose generated rung ORT loads and runs; Pcts ranks. */
class WideLadderTest {
  static final Path DEMO = Path.of("../configs/ladder").toAbsolutePath().normalize();

  @Test
  void write_defaultWidth_isAFiveMegabyteLadderWhoseEntriesMatchTheirFiles(@TempDir Path dir) throws Exception {
    WideLadder.write(DEMO, dir, WideLadder.DEFAULT_HIDDEN);

    LadderManifest ladder = LadderManifest.read(dir.resolve("ladder.json"));
    assertThat(ladder.accepted()).extracting(VariantEntry::id).contains("wide-fp32", "fp32", "qat");
    long total = 0;
    for (VariantEntry v : ladder.accepted()) {
      Path f = dir.resolve(v.file());
      assertThat(Sha256.hex(f)).as(v.id()).isEqualTo(v.sha256());
      assertThat(Files.size(f)).as(v.id()).isEqualTo(v.sizeBytes());
      total += v.sizeBytes();
    }
    assertThat(total).isBetween(4_900_000L, 5_100_000L);
  }

  @Test
  void model_runsInOrtWithTheLadderInputAndOutputShapes() throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s = env.createSession(WideLadder.model(16).toByteArray(), new OrtSession.SessionOptions());
        OnnxTensor in = OnnxTensor.createTensor(env, new float[1][3][1024])) {
      try (OrtSession.Result r = s.run(Map.of("input", in))) {
        float[][] logits = (float[][]) r.get("logits").orElseThrow().getValue();
        assertThat(logits).hasDimensions(1, 5);
      }
    }
  }

  @Test
  void pcts_nearestRank() {
    Pcts p = Pcts.ofMillis(List.of(5.0, 1.0, 3.0, 2.0, 4.0));
    assertThat(p.count()).isEqualTo(5);
    assertThat(p.p50Ms()).isEqualTo(3.0);
    assertThat(p.p99Ms()).isEqualTo(5.0);
    assertThat(p.maxMs()).isEqualTo(5.0);
    assertThat(Pcts.ofMillis(List.of()).count()).isZero();
  }
}
