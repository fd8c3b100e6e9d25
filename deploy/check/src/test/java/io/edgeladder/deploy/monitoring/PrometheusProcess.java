package io.edgeladder.deploy.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Prometheus server ({@code /usr/bin/prometheus}, Debian package {@code prometheus}) on a loopback
 * port with its TSDB in a temporary folder, asked through its HTTP API.
 */
final class PrometheusProcess implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/prometheus");

  private final Process process;
  private final int port;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private PrometheusProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts {@code prometheus --config.file=config}, TSDB and log under {@code dir}. */
  static PrometheusProcess start(Path config, Path dir, int port) throws IOException {
    if (!Files.isExecutable(BINARY)) {
      throw new IOException(BINARY + " not found: apt-get install prometheus (.ci/run installs it)");
    }
    Path log = dir.resolve("prometheus.log");
    Process p = new ProcessBuilder(List.of(BINARY.toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new PrometheusProcess(p, port, log);
  }

  void awaitReady(Duration timeout) throws IOException, InterruptedException {
    Processes.awaitHttp(process, URI.create("http://127.0.0.1:" + port + "/-/ready"), null, timeout, log);
  }

  /** {@code /api/v1/query?query=expr}: the {@code data} node; an IOException naming the expr on an error. */
  JsonNode query(String expr) throws IOException, InterruptedException {
    return api("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8), expr);
  }

  /** {@code /api/v1/label/{label}/values?match[]=selector}: the values. */
  JsonNode labelValues(String label, String selector) throws IOException, InterruptedException {
    return api("/api/v1/label/" + label + "/values?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8),
        label + " of " + selector);
  }

  /** {@code /api/v1/targets}: the active targets. */
  JsonNode targets() throws IOException, InterruptedException {
    return api("/api/v1/targets", "targets").path("activeTargets");
  }

  private JsonNode api(String pathAndQuery, String what) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
        .timeout(Duration.ofSeconds(10)).GET().build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    JsonNode body = Dashboards.JSON.readTree(r.body());
    if (r.statusCode() != 200 || !body.path("status").asText().equals("success")) {
      throw new IOException("prometheus " + what + ": HTTP " + r.statusCode() + " " + body.path("errorType").asText()
          + ": " + body.path("error").asText());
    }
    return body.path("data");
  }

  Path log() {
    return log;
  }

  @Override
  public void close() throws InterruptedException {
    Processes.stop(process);
  }
}
