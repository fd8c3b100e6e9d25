package io.edgeladder.controller.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeladder.controller.api.ControllerFixture.Resp;
import io.edgeladder.controller.distribution.Ladders;
import io.edgeladder.controller.fleet.FleetFixtures;
import io.edgeladder.controller.mqtt.Await;
import io.edgeladder.controller.mqtt.TestClient;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.fleet.PipelineReported;
import io.edgeladder.protocol.fleet.ReportedState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fleet side of the REST API against a real controller: agents, models, releases, drift, ops routes. */
@Timeout(120)
class ApiFleetIT {
  @TempDir
  static Path dir;

  private static ControllerFixture fx;
  private static SchemaCheck schemas;
  private static TestClient a1;
  private static String releaseSha;

  @BeforeAll
  static void start() throws Exception {
    fx = ControllerFixture.start(dir);
    schemas = new SchemaCheck();
    a1 = fx.agent("api-a1", Map.of("site", "plant-1"));
    fx.agent("api-a2", Map.of("site", "plant-2"));
    Resp push = fx.send("POST", "/api/v1/releases", "{\"path\": \"" + Ladders.LADDER + "\"}");
    assertThat(push.status()).as(push.body()).isEqualTo(201);
    releaseSha = push.json().get("releaseSha").asText();
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  @Test
  void agents_afterBirthAndHeartbeat_listedAndShown() throws Exception {
    a1.publish(Topics.heartbeat("api-a1"), FleetFixtures.heartbeat("api-a1", "inc-api-a1", 0, 0.02).toJson(), false);
    Await.until(() -> fx.controller.store().agents().find("api-a1").map(r -> r.lastSeq() == 0).orElse(false),
        ControllerFixture.WAIT, "heartbeat recorded");

    Resp all = fx.get("/api/v1/agents");
    assertThat(all.status()).isEqualTo(200);
    assertThat(ids(all.json())).contains("api-a1", "api-a2");
    all.json().forEach(a -> assertThat(schemas.validate("AgentSummary", a)).isEmpty());

    Resp plant1 = fx.get("/api/v1/agents?selector=site%3Dplant-1");
    assertThat(ids(plant1.json())).containsExactly("api-a1");
    assertThat(plant1.json().get(0).at("/pipelines/0/kpis/missRate").asDouble()).isEqualTo(0.02);

    Resp one = fx.get("/api/v1/agents/api-a1");
    assertThat(one.status()).isEqualTo(200);
    assertThat(schemas.validate("AgentDetail", one.json())).isEmpty();
    assertThat(one.json().get("online").asBoolean()).isTrue();
    assertThat(one.json().at("/birth/hardware/cpuModel").asText()).isEqualTo("AMD EPYC");
    assertThat(one.json().at("/birth/labels/site").asText()).isEqualTo("plant-1");
    assertThat(one.json().at("/kpis/pump-1/kpis/p99Ms").asDouble()).isEqualTo(12.5);
  }

  @Test
  void agents_unknownIdOrBadSelector_404And400NamingTheParameter() throws Exception {
    double before = fx.rejected("GET /api/v1/agents/:id", "not_found");
    Resp missing = fx.get("/api/v1/agents/nobody");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("field").asText()).isEqualTo("id");
    assertThat(schemas.validate("Error", missing.json())).isEmpty();
    assertThat(fx.rejected("GET /api/v1/agents/:id", "not_found")).isEqualTo(before + 1);

    Resp bad = fx.get("/api/v1/agents?selector=site%20in%20(a");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("error").asText()).isEqualTo("invalid_selector");
    assertThat(bad.json().get("field").asText()).isEqualTo("selector");
  }

  @Test
  void releases_pushedFromConfigsLadder_recordedPublishedAndIdempotent() throws Exception {
    try (TestClient observer = TestClient.connect(fx.broker.url(), "observer-rel", null)) {
      observer.subscribe(Topics.releaseManifest(releaseSha));
      observer.await(Topics.releaseManifest(releaseSha), ControllerFixture.WAIT); // retained: published
    }
    Resp again = fx.send("POST", "/api/v1/releases", "{\"path\": \"" + Ladders.LADDER + "\", \"force\": false}");
    assertThat(again.status()).isEqualTo(200);
    assertThat(schemas.validate("PublishReport", again.json())).isEmpty();
    assertThat(again.json().get("releaseSha").asText()).isEqualTo(releaseSha);
    assertThat(again.json().get("newRelease").asBoolean()).isFalse();
    assertThat(again.json().get("chunksPublished").asLong()).isZero();

    Resp models = fx.get("/api/v1/models");
    assertThat(models.json()).hasSize(1);
    assertThat(schemas.validate("ModelSummary", models.json().get(0))).isEmpty();
    assertThat(models.json().get(0).get("latestRelease").asText()).isEqualTo(releaseSha);

    Resp releases = fx.get("/api/v1/models/vibration-cnn/releases");
    assertThat(schemas.validate("Release", releases.json().get(0))).isEmpty();
    assertThat(releases.json().get(0).get("variants").findValuesAsText("variantId")).containsExactly("fp32", "qat");
    assertThat(releases.json().get(0).at("/variants/1/precision").asText()).isEqualTo("int8");
    assertThat(fx.get("/api/v1/models/nope/releases").status()).isEqualTo(404);
  }

  @Test
  void releases_badFolder_400NamingPath() throws Exception {
    Resp relative = fx.send("POST", "/api/v1/releases", "{\"path\": \"configs/ladder\"}");
    assertThat(relative.status()).isEqualTo(400);
    assertThat(relative.json().get("field").asText()).isEqualTo("path");

    Resp empty = fx.send("POST", "/api/v1/releases", "{\"path\": \"" + dir + "\"}");
    assertThat(empty.json().get("error").asText()).isEqualTo("invalid_ladder");
    assertThat(empty.json().get("message").asText()).contains("no ladder.json");

    Path tampered = Ladders.copy(dir.resolve("tampered"));
    byte[] bytes = java.nio.file.Files.readAllBytes(tampered.resolve("qat.onnx"));
    bytes[bytes.length / 2] ^= 1;
    java.nio.file.Files.write(tampered.resolve("qat.onnx"), bytes);
    Resp bad = fx.send("POST", "/api/v1/releases", "{\"path\": \"" + tampered + "\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("field").asText()).isEqualTo("path");
    assertThat(bad.json().get("message").asText()).contains("variant qat").contains("hashes to");

    Resp typo = fx.send("POST", "/api/v1/releases", "{\"pth\": \"/x\"}");
    assertThat(typo.json().get("error").asText()).isEqualTo("unknown_field");
    assertThat(typo.json().get("field").asText()).isEqualTo("pth");
    assertThat(fx.send("POST", "/api/v1/releases", null).json().get("error").asText()).isEqualTo("missing_body");
  }

  @Test
  void desired_issued_thenReportedApplied_driftClears() throws Exception {
    String body = "{\"pipelines\":[{\"name\":\"pump-1\",\"model\":\"vibration-cnn\",\"releaseSha\":\"" + releaseSha
        + "\",\"bounds\":{\"allowed\":[],\"pinned\":\"qat\",\"minAccuracy\":0.5}}]}";
    Resp r = fx.send("PUT", "/api/v1/agents/api-a1/desired", body);
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    assertThat(schemas.validate("DesiredOutcome", r.json())).isEmpty();
    long version = r.json().at("/issued/0/version").asLong();
    assertThat(version).isPositive();
    a1.subscribe(Topics.desired("api-a1"));
    a1.await(m -> m.topic().equals(Topics.desired("api-a1")) && m.text().contains("\"qat\""), ControllerFixture.WAIT,
        "retained desired state");

    JsonNode shown = fx.get("/api/v1/agents/api-a1").json();
    assertThat(shown.at("/desired/version").asLong()).isEqualTo(version);
    assertThat(shown.at("/desired/state/pipelines/0/bounds/pinned").asText()).isEqualTo("qat");
    assertThat(ids(fx.get("/api/v1/drift").json())).contains("api-a1");

    ReportedState applied = new ReportedState("api-a1", version, Instant.parse("2026-11-24T00:00:10Z"),
        ReportedState.State.APPLIED, List.of(new PipelineReported("pump-1", releaseSha, "qat", List.of("fp32", "qat"),
            null)));
    a1.publish(Topics.reported("api-a1"), applied.toJson(), true);
    Await.until(() -> {
      try {
        return !ids(fx.get("/api/v1/drift").json()).contains("api-a1");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, ControllerFixture.WAIT, "drift of api-a1 cleared");
    JsonNode all = fx.get("/api/v1/drift?all=true").json();
    all.forEach(d -> assertThat(schemas.validate("DriftEntry", d)).isEmpty());
    assertThat(ids(all)).contains("api-a1");
  }

  /** (body, status, error, field): every bad desired state names its field; nothing is issued. */
  static Stream<Arguments> badDesired() {
    String sha = releaseSha;
    String unknownSha = "ab".repeat(32);
    return Stream.of(
        Arguments.of("{\"pipelines\": [", 400, "bad_json", null),
        Arguments.of("{}", 400, "missing_field", "pipelines"),
        Arguments.of("{\"pipelines\":[]}", 400, "invalid_field", "pipelines"),
        Arguments.of("{\"pipelines\":[{\"model\":\"vibration-cnn\"}]}", 400, "missing_field", "pipelines[0].name"),
        Arguments.of(p("\"relaseSha\":\"" + sha + "\""), 400, "unknown_field", "pipelines[0].relaseSha"),
        Arguments.of(p("\"releaseSha\":\"xyz\""), 400, "invalid_field", "pipelines[0].releaseSha"),
        Arguments.of(p("\"releaseSha\":\"" + unknownSha + "\""), 400, "unknown_release", "pipelines[0].releaseSha"),
        Arguments.of(p("\"releaseSha\":\"" + sha + "\",\"bounds\":{\"pinned\":\"qat\"}"), 400, "missing_field",
            "pipelines[0].bounds.minAccuracy"),
        Arguments.of(p("\"releaseSha\":\"" + sha + "\",\"bounds\":{\"pinned\":\"int4\",\"minAccuracy\":0}"), 400,
            "unknown_variant", "pipelines[0].bounds.pinned"),
        Arguments.of(p("\"releaseSha\":\"" + sha + "\",\"bounds\":{\"allowed\":[\"qat\",\"int4\"],\"minAccuracy\":0}"),
            400, "unknown_variant", "pipelines[0].bounds.allowed[1]"),
        Arguments.of(p("\"bounds\":{\"allowed\":[\"fp32\"],\"pinned\":\"qat\",\"minAccuracy\":0}"), 400,
            "invalid_field", "pipelines[0].bounds.pinned"),
        Arguments.of(p("\"bounds\":{\"minAccuracy\":1.5}"), 400, "invalid_field", "pipelines[0].bounds.minAccuracy"),
        Arguments.of("{\"pipelines\":[{\"name\":\"pump-9\",\"model\":\"vibration-cnn\"}]}", 400, "unknown_pipeline",
            "pipelines[0].name"),
        Arguments.of("{\"pipelines\":[{\"name\":\"pump-1\",\"model\":\"other\",\"releaseSha\":\"" + sha + "\"}]}",
            400, "model_mismatch", "pipelines[0].model"),
        Arguments.of("{\"pipelines\":[{\"name\":\"pump-1\",\"model\":\"m\"},{\"name\":\"pump-1\",\"model\":\"m\"}]}",
            400, "invalid_field", "pipelines[1].name"));
  }

  private static String p(String extra) {
    return "{\"pipelines\":[{\"name\":\"pump-1\",\"model\":\"vibration-cnn\"," + extra + "}]}";
  }

  @ParameterizedTest
  @MethodSource("badDesired")
  void desired_invalidBody_rejectedNamingTheFieldAndCounted(String body, int status, String error, String field)
      throws Exception {
    String route = "PUT /api/v1/agents/:id/desired";
    double before = fx.rejected(route, error);
    Resp r = fx.send("PUT", "/api/v1/agents/api-a2/desired", body);
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json().get("error").asText()).as(r.body()).isEqualTo(error);
    assertThat(r.json().get("field").isNull() ? null : r.json().get("field").asText()).as(r.body()).isEqualTo(field);
    assertThat(schemas.validate("Error", r.json())).isEmpty();
    assertThat(fx.rejected(route, error)).isEqualTo(before + 1);
    assertThat(fx.controller.store().desiredStates().get("api-a2").flatMap(s -> s.desired())
        .map(d -> d.json().contains("pump-9") || d.json().contains("int4"))).isNotEqualTo(java.util.Optional.of(true));
  }

  @Test
  void desired_unknownAgent_404() throws Exception {
    Resp r = fx.send("PUT", "/api/v1/agents/nobody/desired", p("\"releaseSha\":null"));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("field").asText()).isEqualTo("id");
  }

  @Test
  void desired_bySelector_issuedToMatchesAndListsAgentsThatCannotTakeIt() throws Exception {
    String ok = "{\"pipelines\":[{\"name\":\"pump-1\",\"model\":\"vibration-cnn\",\"releaseSha\":null}]}";
    Resp r = fx.send("PUT", "/api/v1/desired?selector=site%3Dplant-2", ok);
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().get("issued").findValuesAsText("agentId")).containsExactly("api-a2");

    String lacking = "{\"pipelines\":[{\"name\":\"pump-9\",\"model\":\"vibration-cnn\"}]}";
    Resp partial = fx.send("PUT", "/api/v1/desired?selector=site%3Dplant-2", lacking);
    assertThat(partial.status()).isEqualTo(202);
    assertThat(schemas.validate("DesiredOutcome", partial.json())).isEmpty();
    assertThat(partial.json().get("issued")).isEmpty();
    assertThat(partial.json().at("/rejected/0/reason").asText()).isEqualTo("unknown_pipeline");

    Resp noSelector = fx.send("PUT", "/api/v1/desired", ok);
    assertThat(noSelector.status()).isEqualTo(400);
    assertThat(noSelector.json().get("field").asText()).isEqualTo("selector");
  }

  @Test
  void ops_healthReadyMetricsAndUnknownRoutes() throws Exception {
    assertThat(fx.get("/api/v1/health").json().get("status").asText()).isEqualTo("UP");
    Resp ready = fx.get("/api/v1/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(schemas.validate("Ready", ready.json())).isEmpty();

    Resp nothing = fx.get("/api/v1/nothing");
    assertThat(nothing.status()).isEqualTo(404);
    assertThat(nothing.json().get("error").asText()).isEqualTo("no_route");
    Resp delete = fx.send("DELETE", "/api/v1/agents", null);
    assertThat(delete.status()).isEqualTo(405);
    assertThat(schemas.validate("Error", delete.json())).isEmpty();
    Resp huge = fx.send("PUT", "/api/v1/agents/api-a1/desired", "{\"pipelines\":\"" + "x".repeat(2 << 20) + "\"}");
    assertThat(huge.status()).isEqualTo(413);
    assertThat(huge.json().get("error").asText()).isEqualTo("body_too_large");

    Resp metrics = fx.get("/api/v1/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("api_rejected_total{reason=\"no_route\",route=\"unmatched\"}");
    assertThat(fx.get("/api/v1/openapi.yaml").body()).startsWith("openapi: 3.0.3");
  }

  static List<String> ids(JsonNode array) {
    return array.findValuesAsText("agentId").stream().distinct().toList();
  }
}
