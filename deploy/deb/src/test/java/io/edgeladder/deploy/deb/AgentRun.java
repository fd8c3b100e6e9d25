package io.edgeladder.deploy.deb;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The agent started from an installed unit's ExecStart line; output in a log file, SIGTERM on {@link #close()}. */
final class AgentRun implements AutoCloseable {
  private final Process process;
  private final Path log;

  private AgentRun(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static AgentRun start(List<String> command, Map<String, String> env, Path workDir, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return new AgentRun(pb.start(), log);
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Polls {@code GET /ready} until 200; fails at once, with the log, if the agent exits. */
  void awaitReady(int port, Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
        .timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new AssertionError("agent exited " + process.exitValue() + ":\n" + tail());
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) return;
      } catch (IOException notListeningYet) {
        // the HTTP server starts after the models load
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new AssertionError("/ready not 200 within " + timeout + "; agent log:\n" + tail());
  }

  /** SIGTERM (as systemctl stop sends), then the exit status; fails if the agent outlives 30 s. */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("agent ignored SIGTERM for 30 s:\n" + tail());
    }
    return process.exitValue();
  }

  /** The last 4000 characters the agent printed. */
  String tail() {
    try {
      String s = Files.readString(log, UTF_8);
      return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Stops the agent if a test left it running; an interrupt kills it at once. */
  @Override
  public void close() {
    if (!process.isAlive()) return;
    try {
      stop();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
