package io.edgeladder.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Binds a real ephemeral port on 127.0.0.1 and talks to it with {@link HttpClient}. */
@Timeout(30)
class AgentHttpServerTest {
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicBoolean ready = new AtomicBoolean(true);
  private final AtomicBoolean healthy = new AtomicBoolean(true);
  private AgentMetrics metrics;
  private AgentHttpServer server;
  private Map<String, Object> status = Map.of("agent", "gw-1", "pipelines", List.of("pump-1"), "windows", 42);

  @BeforeEach
  void start() throws IOException {
    metrics = AgentMetrics.create("gw-1");
    server = AgentHttpServer.start("127.0.0.1", 0, metrics.registry(), () -> status, ready::get, healthy::get);
  }

  @AfterEach
  void stop() {
    server.close();
    metrics.close();
  }

  @Test
  void metrics_registeredCounter_appearsInPrometheusText() throws Exception {
    metrics.registry().counter("edgeladder.test.windows", "pipeline", "pump-1").increment(3);

    HttpResponse<String> r = get("/metrics");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(r.body())
        .contains("# TYPE edgeladder_test_windows_total counter")
        .containsPattern("edgeladder_test_windows_total\\{agent=\"gw-1\",pipeline=\"pump-1\"} 3(\\.0)?\n")
        .containsPattern("jvm_memory_used_bytes\\{agent=\"gw-1\"");
  }

  @Test
  void health_healthyOrNot_returns200UpOr503Down() throws Exception {
    assertThat(get("/health")).extracting(HttpResponse::statusCode, HttpResponse::body)
        .containsExactly(200, "{\"status\":\"UP\"}");

    healthy.set(false);

    HttpResponse<String> down = get("/health");
    assertThat(down).extracting(HttpResponse::statusCode, HttpResponse::body)
        .containsExactly(503, "{\"status\":\"DOWN\"}");
    assertThat(down.headers().firstValue("content-type")).hasValue("application/json");
  }

  @Test
  void ready_notReady_returns503Down() throws Exception {
    ready.set(false);
    assertThat(get("/ready")).extracting(HttpResponse::statusCode, HttpResponse::body)
        .containsExactly(503, "{\"status\":\"DOWN\"}");

    ready.set(true);
    assertThat(get("/ready")).extracting(HttpResponse::statusCode, HttpResponse::body)
        .containsExactly(200, "{\"status\":\"UP\"}");
  }

  @Test
  void status_suppliedMap_returnsItAsJson() throws Exception {
    HttpResponse<String> r = get("/status");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(new ObjectMapper().readValue(r.body(), new TypeReference<Map<String, Object>>() {}))
        .isEqualTo(status);
  }

  @Test
  void status_supplier_calledOnEventLoopPerRequest() throws Exception {
    java.util.List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    server.close();
    server = AgentHttpServer.start("127.0.0.1", 0, metrics.registry(),
        () -> { threads.add(Thread.currentThread().getName()); return status; }, ready::get, healthy::get);

    get("/status");
    get("/status");

    assertThat(threads).hasSize(2).allSatisfy(t -> assertThat(t).contains("eventloop"));
  }

  @Test
  void status_recordValue_serialisedByComponents() throws Exception {
    record Stat(String name, long windows) {}
    status = Map.of("pipeline", new Stat("pump-1", 7));

    assertThat(get("/status").body()).isEqualTo("{\"pipeline\":{\"name\":\"pump-1\",\"windows\":7}}");
  }

  @Test
  void status_supplierThrows_returns500Json() throws Exception {
    server.close();
    server = AgentHttpServer.start("127.0.0.1", 0, metrics.registry(),
        () -> { throw new IllegalStateException("boom"); }, ready::get, healthy::get);

    HttpResponse<String> r = get("/status");

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).isEqualTo("{\"error\":\"status unavailable: IllegalStateException\"}");
  }

  @Test
  void health_checkThrows_returns503Down() throws Exception {
    server.close();
    server = AgentHttpServer.start("127.0.0.1", 0, metrics.registry(), () -> status, ready::get,
        () -> { throw new IllegalStateException("boom"); });

    assertThat(get("/health").statusCode()).isEqualTo(503);
  }

  @Test
  void unknownPath_returns404Json() throws Exception {
    HttpResponse<String> r = get("/nope");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(r.body()).isEqualTo("{\"error\":\"no such resource: /nope\"}");
  }

  @Test
  void postToKnownPath_returns405Json() throws Exception {
    HttpRequest post = HttpRequest.newBuilder(uri("/health")).POST(HttpRequest.BodyPublishers.noBody()).build();

    HttpResponse<String> r = client.send(post, HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.body()).contains("\"error\"");
  }

  @Test
  void start_portInUse_throwsNamingHostAndPort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> AgentHttpServer.start("127.0.0.1", port, metrics.registry(), () -> status,
              ready::get, healthy::get))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("127.0.0.1:" + port)
          .hasMessageContaining("in use");
    }
  }

  @Test
  void close_calledTwice_stopsListening() throws Exception {
    int port = server.port();
    assertThat(port).isPositive();

    server.close();
    server.close();

    assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
