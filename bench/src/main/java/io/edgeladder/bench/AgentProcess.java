package io.edgeladder.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agent as a child process in its own JVM ({@code java <flags> -jar edgeladder-agent.jar --config X},
 * or any command that runs the agent, see {@link #launch}), its output in a log file, asked over its HTTP
 * port for {@code /ready}, {@code /status} and {@code /metrics}, and measured through
 * {@code /proc/<pid>/status}. Lines written with {@link #send} go to its standard input.
 */
public final class AgentProcess implements AutoCloseable {
  /** The gateway JVM flags every agent child runs with by default (see bench/README.md). */
  public static final String GATEWAY_JVM_FLAGS = E2eCommand.DEFAULT_JVM_FLAGS;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final int httpPort;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private AgentProcess(Process process, int httpPort, Path log) {
    this.process = process;
    this.httpPort = httpPort;
    this.log = log;
  }

  static AgentProcess start(Path agentJar, List<String> jvmFlags, Path config, int httpPort, Path log)
      throws IOException {
    if (!Files.isRegularFile(agentJar)) {
      throw new IOException("agent jar " + agentJar.toAbsolutePath() + " not found: build it with"
          + " `mvn -q -DskipTests package` from the repository root, or pass --agent-jar");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags);
    cmd.add("-jar");
    cmd.add(agentJar.toAbsolutePath().toString());
    cmd.add("--config");
    cmd.add(config.toAbsolutePath().toString());
    return launch(cmd, httpPort, log);
  }

  /**
   * Starts {@code command} (a process that runs an agent serving HTTP on {@code httpPort}), its stdout
   * and stderr into {@code log}, its stdin open for {@link #send}.
   */
  public static AgentProcess launch(List<String> command, int httpPort, Path log) throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    return new AgentProcess(pb.start(), httpPort, log);
  }

  /** Writes {@code line} and a newline to the process's standard input and flushes. Caller's thread. */
  public synchronized void send(String line) throws IOException {
    var in = process.getOutputStream();
    in.write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    in.flush();
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  /** Polls {@code /ready} until 200; fails early if the process exits. */
  public void awaitReady(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("agent exited with code " + process.exitValue() + " before it was ready; log: " + log);
      }
      try {
        if (get("/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // the HTTP port opens a moment after the JVM starts
      }
      Thread.sleep(100);
    }
    throw new IOException("agent not ready within " + timeout.toSeconds() + " s; log: " + log);
  }

  public JsonNode status() throws IOException, InterruptedException {
    return JSON.readTree(body("/status"));
  }

  String metrics() throws IOException, InterruptedException {
    return body("/metrics");
  }

  private String body(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = get(path);
    if (r.statusCode() != 200) {
      throw new IOException("agent " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .timeout(Duration.ofSeconds(5)).GET().build();
    return http.send(req, HttpResponse.BodyHandlers.ofString());
  }

  /** Resident set size in bytes from {@code /proc/<pid>/status} (VmRSS), or -1 where there is no procfs. */
  public long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM, then SIGKILL after 10 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
