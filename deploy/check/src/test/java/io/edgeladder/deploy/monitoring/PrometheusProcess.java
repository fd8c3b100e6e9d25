package io.edgeladder.deploy.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Map;

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

  /**
   * Writes the committed prometheus.yml into {@code dir} with only what a test must change: each job's
   * static target ({@code targets}: job name to host:port), the controller's token file and the scrape and
   * evaluation intervals; rules.yml is copied next to it.
   */
  static Path committedConfig(Path dir, String interval, Map<String, String> targets, Path tokenFile)
      throws IOException {
    ObjectNode c = (ObjectNode) Dashboards.YAML.readTree(Dashboards.PROMETHEUS_YML.toFile());
    ((ObjectNode) c.path("global")).put("scrape_interval", interval).put("scrape_timeout", interval)
        .put("evaluation_interval", interval);
    for (JsonNode job : c.path("scrape_configs")) {
      String target = targets.get(job.path("job_name").asText());
      if (target == null) throw new IllegalStateException("prometheus.yml: unexpected job " + job.path("job_name"));
      ((ArrayNode) job.path("static_configs").path(0).path("targets")).removeAll().add(target);
      if (job.has("authorization")) {
        ((ObjectNode) job.path("authorization")).put("credentials_file", tokenFile.toString());
      }
    }
    Files.copy(Dashboards.RULES_YML, dir.resolve("rules.yml"));
    Path out = dir.resolve("prometheus.yml");
    Dashboards.YAML.writeValue(out.toFile(), c);
    return out;
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
