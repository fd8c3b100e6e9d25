package io.edgeladder.controller.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeladder.controller.fleet.FleetFixtures;
import io.edgeladder.controller.mqtt.TestClient;
import io.edgeladder.protocol.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's routes against a real controller: {@code GET /live} (server-sent events: the snapshot, then an
 * agent's new figures after a heartbeat), {@code GET /live/agents/{id}} against its OpenAPI schema, and the
 * public console files next to the token-protected data.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LiveApiIT {
  @TempDir
  static Path dir;

  private static ControllerFixture fx;
  private static TestClient gw1;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    fx = ControllerFixture.start(dir);
    gw1 = fx.agent("gw-1", Map.of("site", "a"));
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(fx.url + path)).timeout(Duration.ofSeconds(30));
  }

  /** The next {@code event:}/{@code data:} pair of the stream as {event, data}. */
  private static String[] nextFrame(Iterator<String> lines) {
    String event = null;
    String data = null;
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.startsWith("event: ")) event = line.substring(7);
      if (line.startsWith("data: ")) data = line.substring(6);
      if (line.isEmpty() && event != null) return new String[] {event, data};
    }
    throw new AssertionError("the stream ended");
  }

  @Test
  void live_withToken_snapshotThenAgentAfterHeartbeat() throws Exception {
    HttpResponse<Stream<String>> r = http.send(request("/api/v1/live").header("Authorization", "Bearer " + fx.token)
        .build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t)
        .startsWith("text/event-stream"));
    try (Stream<String> body = r.body()) {
      Iterator<String> lines = body.iterator();
      String[] snapshot = nextFrame(lines);
      assertThat(snapshot[0]).isEqualTo("snapshot");
      assertThat(ControllerFixture.JSON.readTree(snapshot[1]).findValuesAsText("agentId")).contains("gw-1");

      gw1.publish(Topics.heartbeat("gw-1"), FleetFixtures.heartbeat("gw-1", "inc-gw-1", 0, 0.25).toJson(), false);

      String[] update = nextFrame(lines);
      assertThat(update[0]).isEqualTo("agent");
      JsonNode agent = ControllerFixture.JSON.readTree(update[1]);
      assertThat(agent.get("agentId").asText()).isEqualTo("gw-1");
      assertThat(agent.at("/pipelines/0/missRate").asDouble()).isEqualTo(0.25);
      assertThat(new SchemaCheck().validate("LiveAgent", agent)).isEmpty();
    }
  }

  @Test
  void live_withoutToken_401() throws Exception {
    HttpResponse<String> r = http.send(request("/api/v1/live").build(), HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("unauthorized");
  }

  @Test
  void liveAgent_matchesSchema_unknownAgent404() throws Exception {
    ControllerFixture.Resp known = fx.get("/api/v1/live/agents/gw-1");
    assertThat(known.status()).isEqualTo(200);
    assertThat(new SchemaCheck().validate("AgentHistory", known.json())).isEmpty();

    ControllerFixture.Resp unknown = fx.get("/api/v1/live/agents/gw-404");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("message").asText()).contains("gw-404");
  }

  @Test
  void consoleFiles_publicWithCsp_otherPathsNot() throws Exception {
    HttpResponse<String> root = http.send(request("/").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("location")).hasValue("/console/");

    HttpResponse<String> index = http.send(request("/console/").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.body()).contains("<script type=\"module\" src=\"app.js\">");
    assertThat(index.headers().firstValue("content-security-policy")).hasValueSatisfying(v -> assertThat(v)
        .contains("default-src 'self'"));

    HttpResponse<String> js = http.send(request("/console/live.js").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(js.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t)
        .startsWith("text/javascript"));

    HttpResponse<String> other = http.send(request("/console/openapi.yaml").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(other.statusCode()).isEqualTo(404);
    HttpResponse<String> data = http.send(request("/api/v1/agents").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(data.statusCode()).isEqualTo(401);
  }
}
