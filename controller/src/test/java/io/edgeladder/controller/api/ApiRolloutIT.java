package io.edgeladder.controller.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeladder.controller.api.ControllerFixture.Resp;
import io.edgeladder.controller.distribution.Ladders;
import io.edgeladder.controller.mqtt.Await;
import io.edgeladder.controller.mqtt.TestClient;
import io.edgeladder.protocol.Topics;
import java.nio.file.Path;
import java.time.Duration;
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

/**
 * Rollouts over REST against a real controller (manual clock; the test ticks the engine): create, list,
 * pause, resume, abort, the conflicts the state machine refuses, and invalid plans naming their field.
 */
@Timeout(120)
class ApiRolloutIT {
  @TempDir
  static Path dir;

  private static ControllerFixture fx;
  private static SchemaCheck schemas;
  private static TestClient canary;
  private static String releaseSha;

  @BeforeAll
  static void start() throws Exception {
    fx = ControllerFixture.start(dir);
    schemas = new SchemaCheck();
    canary = fx.agent("ro-1", Map.of("site", "ro"));
    fx.agent("ro-2", Map.of("site", "ro"));
    fx.agent("ro-3", Map.of("site", "ro"));
    Resp push = fx.send("POST", "/api/v1/releases", "{\"path\": \"" + Ladders.LADDER + "\"}");
    assertThat(push.status()).as(push.body()).isEqualTo(201);
    releaseSha = push.json().get("releaseSha").asText();
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  private static String plan(String extra) {
    return "{\"model\":\"vibration-cnn\",\"releaseSha\":\"" + releaseSha + "\",\"selector\":\"site=ro\"" + extra + "}";
  }

  @Test
  void rollout_startPauseResumeAbort_overRest() throws Exception {
    canary.subscribe(Topics.desired("ro-1"));
    Resp created = fx.send("POST", "/api/v1/rollouts",
        plan(",\"canary\":\"1\",\"waves\":[\"50%\",\"100%\"],\"soak\":\"30s\",\"gates\":{\"maxMissRate\":0.01}"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(schemas.validate("RolloutDetail", created.json())).isEmpty();
    String id = created.json().get("id").asText();
    assertThat(created.location()).isEqualTo("/api/v1/rollouts/" + id);
    assertThat(created.json().get("state").asText()).isEqualTo("PENDING");
    assertThat(created.json().at("/plan/soak").asText()).isEqualTo("PT30S");
    assertThat(created.json().at("/plan/gates/maxMissRate").asDouble()).isEqualTo(0.01);
    assertThat(created.json().at("/plan/gates/maxErrorRate").asDouble()).isEqualTo(0.05); // default kept

    Resp twice = fx.send("POST", "/api/v1/rollouts", plan(""));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.json().get("error").asText()).isEqualTo("rollout_conflict");

    JsonNode list = fx.get("/api/v1/rollouts").json();
    list.forEach(r -> assertThat(schemas.validate("RolloutSummary", r)).isEmpty());
    assertThat(list.findValuesAsText("id")).contains(id);

    Resp paused = fx.send("POST", "/api/v1/rollouts/" + id + "/pause", "{\"reason\":\"lunch\"}");
    assertThat(paused.status()).isEqualTo(200);
    assertThat(paused.json().get("state").asText()).isEqualTo("PAUSED");
    assertThat(paused.json().get("reason").asText()).contains("lunch");
    assertThat(fx.send("POST", "/api/v1/rollouts/" + id + "/pause", null).json().get("state").asText())
        .isEqualTo("PAUSED");

    Resp resumed = fx.send("POST", "/api/v1/rollouts/" + id + "/resume", null);
    assertThat(resumed.status()).isEqualTo(200);
    assertThat(resumed.json().get("state").asText()).isIn("PENDING", "RUNNING");
    Resp again = fx.send("POST", "/api/v1/rollouts/" + id + "/resume", null);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("error").asText()).isEqualTo("illegal_transition");

    JsonNode running = tickUntil(id, r -> r.get("phase").asText().equals("CANARY"));
    assertThat(schemas.validate("RolloutDetail", running)).isEmpty();
    assertThat(running.get("assignments")).hasSize(3);
    assertThat(running.at("/assignments/0/agentId").asText()).isEqualTo("ro-1");
    canary.await(m -> m.text().contains(releaseSha), ControllerFixture.WAIT, "canary's desired state with the release");

    Resp aborted = fx.send("POST", "/api/v1/rollouts/" + id + "/abort", "{\"reason\":\"wrong release\"}");
    assertThat(aborted.status()).isEqualTo(200);
    assertThat(aborted.json().get("state").asText()).isEqualTo("ROLLING_BACK");
    JsonNode done = tickUntil(id, r -> r.get("state").asText().equals("ABORTED"));
    assertThat(done.get("events").findValuesAsText("type")).contains("created", "paused", "resumed", "abort.requested");
    assertThat(fx.send("POST", "/api/v1/rollouts/" + id + "/resume", null).status()).isEqualTo(409);
    assertThat(fx.send("POST", "/api/v1/rollouts/" + id + "/abort", null).status()).isEqualTo(409);
  }

  @Test
  void rollout_unknownId_404() throws Exception {
    assertThat(fx.get("/api/v1/rollouts/r-nope").status()).isEqualTo(404);
    Resp pause = fx.send("POST", "/api/v1/rollouts/r-nope/pause", null);
    assertThat(pause.status()).isEqualTo(404);
    assertThat(pause.json().get("field").asText()).isEqualTo("id");
  }

  static Stream<Arguments> badPlans() {
    return Stream.of(
        Arguments.of("{\"releaseSha\":\"" + "ab".repeat(32) + "\"}", "missing_field", "model"),
        Arguments.of(plan(",\"canary\":\"one\""), "invalid_field", "canary"),
        Arguments.of(plan(",\"waves\":[\"50%\",\"40%\"]"), "invalid_field", "waves"),
        Arguments.of(plan(",\"waves\":[\"50%\",\"x\"]"), "invalid_field", "waves[1]"),
        Arguments.of(plan(",\"soak\":\"forever\""), "invalid_field", "soak"),
        Arguments.of(plan(",\"gates\":{\"maxMissRate\":2}"), "invalid_field", "gates.maxMissRate"),
        Arguments.of(plan(",\"gates\":{\"maxMisRate\":0.1}"), "unknown_field", "gates.maxMisRate"),
        Arguments.of(plan(",\"selector\":\"site=nowhere\""), "invalid_plan", "selector"),
        Arguments.of(plan(",\"selector\":\"site in (\""), "invalid_selector", "selector"),
        Arguments.of("{\"model\":\"vibration-cnn\",\"releaseSha\":\"" + "ab".repeat(32) + "\"}", "unknown_release",
            "releaseSha"),
        Arguments.of("{\"model\":\"other\",\"releaseSha\":\"" + releaseSha + "\"}", "model_mismatch", "model"));
  }

  @ParameterizedTest
  @MethodSource("badPlans")
  void rollout_invalidPlan_400NamingTheField(String body, String error, String field) throws Exception {
    double before = fx.rejected("POST /api/v1/rollouts", error);
    Resp r = fx.send("POST", "/api/v1/rollouts", body);
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).as(r.body()).isEqualTo(error);
    assertThat(r.json().get("field").asText()).as(r.body()).isEqualTo(field);
    assertThat(fx.rejected("POST /api/v1/rollouts", error)).isEqualTo(before + 1);
  }

  @Test
  void rollouts_badLimit_400() throws Exception {
    Resp r = fx.get("/api/v1/rollouts?limit=0");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("field").asText()).isEqualTo("limit");
  }

  /** Advances the clock 5 s and ticks until the rollout satisfies {@code done}; returns its detail. */
  private static JsonNode tickUntil(String id, java.util.function.Predicate<JsonNode> done) throws Exception {
    JsonNode[] last = new JsonNode[1];
    Await.until(() -> {
      fx.clock.advance(Duration.ofSeconds(5));
      fx.controller.rollouts().tick();
      try {
        last[0] = fx.get("/api/v1/rollouts/" + id).json();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return done.test(last[0]);
    }, ControllerFixture.WAIT, "rollout " + id + " to move on");
    return last[0];
  }
}
