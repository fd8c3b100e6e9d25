package io.edgeladder.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.protocol.FleetTopic.Kind;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicsTest {
  private static final String SHA = "0123456789abcdef".repeat(4);

  @Test
  void fleetTopics_perAgentAndFilters() {
    assertThat(Topics.birth("gw-1")).isEqualTo("fleet/gw-1/birth");
    assertThat(Topics.heartbeat("gw-1")).isEqualTo("fleet/gw-1/heartbeat");
    assertThat(Topics.reported("gw-1")).isEqualTo("fleet/gw-1/reported");
    assertThat(Topics.desired("gw-1")).isEqualTo("fleet/gw-1/desired");
    assertThat(Topics.allBirths()).isEqualTo("fleet/+/birth");
    assertThat(Topics.allHeartbeats()).isEqualTo("fleet/+/heartbeat");
    assertThat(Topics.allStatuses()).isEqualTo("fleet/+/status");
    assertThat(Topics.allReported()).isEqualTo("fleet/+/reported");
    assertThat(Topics.allEvents()).isEqualTo("fleet/+/events");
    assertThat(Topics.allTelemetry()).isEqualTo("fleet/+/telemetry");
  }

  @Test
  void distributionTopics_shaLevels() {
    assertThat(Topics.releaseManifest(SHA)).isEqualTo("models/" + SHA + "/manifest");
    assertThat(Topics.artifactChunk(SHA, 12)).isEqualTo("artifacts/" + SHA + "/12");
    assertThat(Topics.artifactChunks(SHA)).isEqualTo("artifacts/" + SHA + "/+");
  }

  @Test
  void shaLevels_notLowerHex64_rejectedNamingWhat() {
    assertThatThrownBy(() -> Topics.releaseManifest(SHA.toUpperCase()))
        .hasMessage("release sha256 must be 64 lower-case hex digits but was " + SHA.toUpperCase());
    assertThatThrownBy(() -> Topics.artifactChunks("+"))
        .hasMessage("artifact sha256 must be 64 lower-case hex digits but was +");
    assertThatThrownBy(() -> Topics.artifactChunk(SHA + "0", 0)).hasMessageStartingWith("artifact sha256");
    assertThatThrownBy(() -> Topics.artifactChunk(SHA, -1)).hasMessage("chunk index must be >= 0 but was -1");
    assertThatThrownBy(() -> Topics.birth("a/b")).hasMessageStartingWith("agent id must not contain");
  }

  @Test
  void fleetTopic_parse_everyKindRoundTrips() {
    for (Kind k : Kind.values()) {
      String topic = Topics.fleet("gw-7", k);
      assertThat(FleetTopic.parse(topic)).contains(new FleetTopic("gw-7", k));
      assertThat(new FleetTopic("gw-7", k).topic()).isEqualTo(topic);
    }
  }

  @Test
  void fleetTopic_parse_otherTopics_empty() {
    for (String t : new String[] {"fleet/gw-1/unknown", "fleet/gw-1", "fleet//birth", "fleet/gw-1/birth/x",
        "inference/gw-1/p", "fleetx/gw-1/birth", "fleet/+/birth", "fleet/" + "a".repeat(65) + "/birth", "", null}) {
      assertThat(FleetTopic.parse(t)).as(t).isEmpty();
    }
  }

  @Test
  void chunkTopic_parse_canonicalIndexOnly() {
    assertThat(ChunkTopic.parse(Topics.artifactChunk(SHA, 0))).contains(new ChunkTopic(SHA, 0));
    assertThat(ChunkTopic.parse("artifacts/" + SHA + "/2147483647")).contains(new ChunkTopic(SHA, Integer.MAX_VALUE));
    for (String index : new String[] {"007", "-1", "+", "2147483648", "9999999999", "1a", "", "1/2"}) {
      assertThat(ChunkTopic.parse("artifacts/" + SHA + "/" + index)).as(index).isEmpty();
    }
    assertThat(ChunkTopic.parse("artifacts/" + SHA.toUpperCase() + "/1")).isEmpty();
    assertThat(ChunkTopic.parse("models/" + SHA + "/1")).isEqualTo(Optional.empty());
    assertThat(new ChunkTopic(SHA, 3).topic()).isEqualTo("artifacts/" + SHA + "/3");
  }
}
