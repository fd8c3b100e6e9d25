package io.edgeladder.protocol.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.ladder.LadderManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseTest {
  @TempDir Path dir;
  private Release release;
  private Artifact fp32;
  private Artifact int8;

  @BeforeEach
  void setUp() throws Exception {
    release = DistSamples.release(dir);
    fp32 = release.artifact("fp32").orElseThrow();
    int8 = release.artifact("int8").orElseThrow();
  }

  private Release with(LadderManifest ladder, List<Artifact> artifacts) {
    return new Release(1, "vibration-cnn", release.createdAt(), ladder, artifacts);
  }

  @Test
  void toJson_parse_roundTripsWithTheLadder() throws ProtocolException {
    Release back = Release.parse(release.toJson());
    assertThat(back).usingRecursiveComparison().isEqualTo(release);
    assertThat(back.toJson()).isEqualTo(release.toJson()); // stable bytes: what was signed parses back to itself
    assertThat(new String(release.toJson(), StandardCharsets.UTF_8)).contains("\"createdAt\":\"2025-02-01T08:00:00Z\"");
  }

  @Test
  void new_artifactShaDiffersFromLadder_rejectedNamingIt() {
    Artifact other = new Artifact("int8", "d".repeat(64), int8.size(), int8.chunkSize(), int8.chunks());
    assertThatThrownBy(() -> with(release.ladder(), List.of(fp32, other)))
        .hasMessage("Release.artifacts[1].sha256 " + "d".repeat(64) + " differs from the ladder's " + int8.sha256()
            + " for variant int8");
  }

  @Test
  void new_acceptedVariantWithoutArtifact_rejected() {
    assertThatThrownBy(() -> with(release.ladder(), List.of(fp32)))
        .hasMessage("Release.artifacts lacks accepted variant int8");
  }

  @Test
  void new_artifactForRejectedVariant_rejected() {
    LadderManifest ladder = DistSamples.ladder(List.of(DistSamples.entry("fp32", fp32, 0.98, true),
        DistSamples.entry("int8", int8, 0.97, false)));
    assertThatThrownBy(() -> with(ladder, List.of(fp32, int8)))
        .hasMessage("Release.artifacts[1].variantId int8 is not an accepted variant of the ladder");
    assertThat(with(ladder, List.of(fp32)).artifacts()).containsExactly(fp32);
  }

  @Test
  void new_modelDiffersOrDuplicateArtifact_rejected() {
    assertThatThrownBy(() -> new Release(1, "other", release.createdAt(), release.ladder(), release.artifacts()))
        .hasMessage("Release.model other differs from the ladder's model vibration-cnn");
    assertThatThrownBy(() -> with(release.ladder(), List.of(fp32, int8, fp32)))
        .hasMessage("Release.artifacts[2] repeats fp32");
  }

  @Test
  void parse_badArtifactInPayload_namesPath() {
    String json = new String(release.toJson(), StandardCharsets.UTF_8).replace("\"chunkSize\":65536",
        "\"chunkSize\":0");
    assertThatThrownBy(() -> Release.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("invalid Release at artifacts[0].chunkSize: Artifact.chunkSize must be >= 1 but was 0");
  }
}
