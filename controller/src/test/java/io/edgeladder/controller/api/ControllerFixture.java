package io.edgeladder.controller.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.controller.app.Controller;
import io.edgeladder.controller.app.ControllerConfig;
import io.edgeladder.controller.app.ControllerConfigLoader;
import io.edgeladder.controller.fleet.FleetFixtures;
import io.edgeladder.controller.mqtt.Await;
import io.edgeladder.controller.mqtt.TestClient;
import io.edgeladder.controller.store.MutableClock;
import io.edgeladder.protocol.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real controller for API tests: embedded broker, H2 and keys in a temp folder, the REST API on a free
 * port, a {@link MutableClock} (rollout timers move only when a test advances it). Agent stand-ins announce
 * themselves with {@link FleetFixtures} births over MQTT. HTTP helpers return status and parsed JSON.
 */
public final class ControllerFixture implements AutoCloseable {
  public static final Duration WAIT = Duration.ofSeconds(15);
  public static final ObjectMapper JSON = new ObjectMapper();

  /** One answer. */
  public record Resp(int status, String body, JsonNode json, String location) {}

  public final EmbeddedBroker broker;
  public final Controller controller;
  public final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T00:00:00Z"));
  public final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  public final String url;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<TestClient> agents = new ArrayList<>();

  private ControllerFixture(Path dir) throws Exception {
    broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort());
    String yaml = "controller: {id: ctl-api}\n"
        + "broker: {url: '" + broker.url() + "'}\n"
        + "dataDir: '" + dir + "'\n"
        + "http: {host: 127.0.0.1, port: 0}\n"
        + "distribution: {chunkSize: 16384, window: 8, ackTimeoutSeconds: 10}\n";
    ControllerConfig config = ControllerConfigLoader.parse(yaml, dir, Map.of(), "test");
    controller = Controller.start(config, meters, clock, Duration.ofSeconds(30));
    url = "http://127.0.0.1:" + controller.apiPort();
  }

  public static ControllerFixture start(Path dir) throws Exception {
    return new ControllerFixture(dir);
  }

  /** Connects an agent stand-in, publishes online + its birth, and waits until the registry has it. */
  public TestClient agent(String id, Map<String, String> labels) throws Exception {
    TestClient c = TestClient.connect(broker.url(), id, Topics.status(id));
    agents.add(c);
    c.publish(Topics.status(id), "online", true);
    c.publish(Topics.birth(id), FleetFixtures.birth(id, "inc-" + id, labels).toJson(), true);
    Await.until(() -> controller.store().agents().find(id).isPresent(), WAIT, "birth of " + id + " recorded");
    return c;
  }

  public Resp get(String path) throws Exception {
    return send("GET", path, null);
  }

  public Resp send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) b.header("content-type", "application/json");
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = null;
    String type = r.headers().firstValue("content-type").orElse("");
    if (type.startsWith("application/json")) json = JSON.readTree(r.body());
    return new Resp(r.statusCode(), r.body(), json, r.headers().firstValue("location").orElse(null));
  }

  /** {@code api.rejected{route,reason}} so far. */
  public double rejected(String route, String reason) {
    var c = meters.find("api.rejected").tag("route", route).tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }

  @Override
  public void close() throws Exception {
    for (TestClient a : agents) a.close();
    controller.close();
    broker.close();
  }
}
