package io.edgeladder.controller.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The controller in a child JVM ({@code ControllerCli serve --config FILE}, this JVM's class path) with its REST
 * API on a free port (a fixed test token), so a test can kill it for real: {@link #kill()} is {@link Process#destroyForcibly()}, SIGKILL
 * on Linux (no shutdown hook: the H2 file is not closed, nothing is flushed). Output goes to a log file per start.
 */
final class ControllerProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  /** The REST API's bearer token (test only). */
  private static final String TOKEN = "kill-it-token-0123456789";

  private final Process process;
  private final Path log;
  private final int port;

  private ControllerProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Writes {@code yaml} plus {@code http.port} to {@code dir/controller-child.yaml} and starts the controller. */
  static ControllerProcess start(Path dir, String yaml, Path log) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path config = dir.resolve("controller-child.yaml");
    Files.writeString(config, yaml.replace("http: {port: -1}", "http: {host: 127.0.0.1, port: " + port + ", token: "
        + TOKEN + "}"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // -Xss8m: with a test's long class path ONNX Runtime's set-up can overflow the default main-thread stack
    // (SIGSEGV, exit 139); `java -jar` is not affected.
    Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx384m", "-Xss8m", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), "io.edgeladder.controller.cli.ControllerCli", "serve", "--config",
        config.toString())).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ControllerProcess(p, log, port);
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** {@code GET /api/v1/rollouts/{id}}, or null while the API does not answer 200. */
  JsonNode rollout(String id) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/api/v1/rollouts/" + id)).header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(5))
          .GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** SIGKILL, then waits for the process to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) throw new AssertionError("controller " + pid() + " survived SIGKILL");
  }

  /** The last {@code n} characters of what it printed. */
  String tail(int n) {
    try {
      String s = Files.readString(log, StandardCharsets.UTF_8);
      return s.length() <= n ? s : s.substring(s.length() - n);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) kill();
  }
}
