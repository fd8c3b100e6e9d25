package io.edgeladder.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetWriterTest {
  private static final int PER_CLASS = 6;
  private static final int L = 256;

  @TempDir Path dir;

  @Test
  void write_smallSet_filesHaveRightSizesLabelsAndMeta() throws Exception {
    new DatasetWriter(DatasetSpec.of(PER_CLASS, L, 10_000, 7)).write(dir);
    int n = PER_CLASS * 5;
    assertThat(Files.size(dir.resolve("windows.f32"))).isEqualTo((long) n * 3 * L * 4);
    byte[] labels = Files.readAllBytes(dir.resolve("labels.u8"));
    assertThat(labels).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(labels[i]).isEqualTo((byte) (i % 5));
    }
    JsonNode meta = new ObjectMapper().readTree(dir.resolve("meta.json").toFile());
    assertThat(meta.get("count").asInt()).isEqualTo(n);
    assertThat(meta.get("windowSize").asInt()).isEqualTo(L);
    assertThat(meta.get("sampleRateHz").isIntegralNumber()).isTrue();
    assertThat(meta.get("sampleRateHz").asInt()).isEqualTo(10_000);
    assertThat(meta.get("seed").asLong()).isEqualTo(7);
    assertThat(meta.get("channels").toString()).isEqualTo("[\"x\",\"y\",\"z\"]");
    assertThat(meta.get("classes").toString())
        .isEqualTo("[\"healthy\",\"imbalance\",\"misalignment\",\"bearing_fault\",\"looseness\"]");
    assertThat(meta.get("shaftHz").get(0).asDouble()).isEqualTo(15.0);
    assertThat(meta.get("shaftHz").get(1).asDouble()).isEqualTo(45.0);
  }

  @Test
  void write_sameSpecTwice_identicalBytes(@TempDir Path other) throws Exception {
    DatasetSpec spec = DatasetSpec.of(PER_CLASS, L, 10_000, 3);
    new DatasetWriter(spec).write(dir);
    new DatasetWriter(spec).write(other);
    assertThat(Files.readAllBytes(other.resolve("windows.f32")))
        .isEqualTo(Files.readAllBytes(dir.resolve("windows.f32")));
  }

  @Test
  void write_misalignmentWindows_channelFirstWithAxialEnergyInThirdBlock() throws Exception {
    new DatasetWriter(DatasetSpec.of(20, L, 10_000, 5)).write(dir);
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("windows.f32"))).order(ByteOrder.LITTLE_ENDIAN);
    double[] healthyZ = new double[1];
    double[] misalignedZ = new double[1];
    for (int w = 0; w < 100; w++) {
      int cls = w % 5;
      for (int ch = 0; ch < 3; ch++) {
        for (int i = 0; i < L; i++) {
          float v = b.getFloat();
          if (ch == 2 && cls == Condition.HEALTHY.index()) healthyZ[0] += v * v;
          if (ch == 2 && cls == Condition.MISALIGNMENT.index()) misalignedZ[0] += v * v;
        }
      }
    }
    // Misalignment's axial (z) energy dwarfs a healthy machine's: z must be the third block.
    assertThat(misalignedZ[0]).isGreaterThan(10 * healthyZ[0]);
  }

  @Test
  void spec_badValues_namesField() {
    assertThatThrownBy(() -> DatasetSpec.of(0, L, 10_000, 1)).hasMessageContaining("windowsPerClass")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> DatasetSpec.of(1, L, 50_000, 1)).hasMessageContaining("sampleRateHz");
  }
}
