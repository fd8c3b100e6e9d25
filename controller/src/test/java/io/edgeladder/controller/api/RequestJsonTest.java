package io.edgeladder.controller.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Request bodies: every way a body can be wrong becomes a 400 naming the reason and the field. */
class RequestJsonTest {

  private static ApiException reject(String json, Class<?> type) {
    byte[] body = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
    try {
      RequestJson.read(body, type);
    } catch (ApiException e) {
      assertThat(e.status()).isEqualTo(400);
      return e;
    }
    throw new AssertionError("accepted: " + json);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"pipelines\":[{\"name\":\"p\",\"model\":\"m\"}]} trailing | bad_json | ",
      "null | missing_body | ",
      "{\"pipelines\":[{\"name\":\"p\",\"model\":\"m\",\"bounds\":{\"pined\":\"a\",\"minAccuracy\":0}}]} | unknown_field | pipelines[0].bounds.pined",
      "{\"pipelines\":[{\"name\":\"p\",\"model\":\"m\",\"bounds\":{\"minAccuracy\":\"high\"}}]} | invalid_field | pipelines[0].bounds.minAccuracy",
      "{\"pipelines\":[{\"name\":\"p\",\"model\":\"m\",\"bounds\":{\"allowed\":[\"a\",\"a\"],\"minAccuracy\":0}}]} | invalid_field | pipelines[0].bounds.allowed[1]",
      "{\"pipelines\":{\"name\":\"p\"}} | invalid_field | pipelines",
      "{\"pipelines\":[null]} | missing_field | pipelines[0]",
  })
  void desiredBody_wrong_namesReasonAndField(String json, String reason, String field) {
    ApiException e = reject(json, DesiredRequest.class);
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
    assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
  }

  @Test
  void emptyBody_missingBody() {
    assertThat(reject(null, DesiredRequest.class).reason()).isEqualTo("missing_body");
    assertThat(reject("", DesiredRequest.class).reason()).isEqualTo("missing_body");
  }

  @Test
  void validBody_readIntoRecords() {
    DesiredRequest r = RequestJson.read(("{\"pipelines\":[{\"name\":\"p\",\"model\":\"m\",\"releaseSha\":null,"
        + "\"bounds\":{\"allowed\":[\"a\",\"b\"],\"pinned\":\"b\",\"minAccuracy\":0.5}}]}").getBytes(StandardCharsets.UTF_8),
        DesiredRequest.class);
    assertThat(r.pipelines()).singleElement().satisfies(p -> {
      assertThat(p.bounds().pinned()).isEqualTo("b");
      assertThat(p.bounds().minAccuracy()).isEqualTo(0.5);
    });
  }

  @Test
  void rolloutRequest_numbersForSizes_andShortDurations() {
    RolloutRequest r = RequestJson.read(("{\"model\":\"m\",\"releaseSha\":\"" + "ab".repeat(32)
        + "\",\"canary\":2,\"waves\":[\"50%\",100],\"soak\":\"90s\",\"gates\":{\"minHeartbeats\":5}}")
        .getBytes(StandardCharsets.UTF_8), RolloutRequest.class);
    var plan = r.toPlan();
    assertThat(plan.canary().toString()).isEqualTo("2");
    assertThat(plan.waves()).extracting(Object::toString).containsExactly("50%", "100");
    assertThat(plan.soak()).isEqualTo(Duration.ofSeconds(90));
    assertThat(plan.gates().minHeartbeats()).isEqualTo(5);
    assertThat(plan.gates().maxMissRate()).isEqualTo(0.05); // default kept
  }

  @ParameterizedTest
  @CsvSource({"500ms, PT0.5S", "30s, PT30S", "10m, PT10M", "2h, PT2H", "PT1M30S, PT1M30S", "' 45 s ', PT45S"})
  void durations_shortAndIso(String text, String iso) {
    assertThat(Durations.parse("soak", text)).isEqualTo(Duration.parse(iso));
  }

  @Test
  void durations_bad_namesField() {
    assertThatThrownBy(() -> Durations.parse("gates.heartbeatTimeout", "soon"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("gates.heartbeatTimeout"));
  }
}
