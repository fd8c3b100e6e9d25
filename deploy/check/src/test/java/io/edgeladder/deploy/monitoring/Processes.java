package io.edgeladder.deploy.monitoring;

import java.io.IOException;
import java.net.ServerSocket;
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

/** Child processes of the monitoring ITs: the agent and controller jars, free ports, readiness polls. */
final class Processes {
  static final Path REPO = Dashboards.DEPLOY.getParent();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Processes() {}

  /** {@code java -XX:+UseSerialGC -jar jar args...}, output into {@code log}. */
  static Process java(Path jar, Path log, String... args) throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException(jar + " not found: build it first (mvn -DskipTests package -pl agent,controller -am)");
    }
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Polls {@code url} (with {@code bearer}, if not null) until it answers 200; fails early if {@code p} exits. */
  static void awaitHttp(Process p, URI url, String bearer, Duration timeout, Path log)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int last = -1;
    while (System.nanoTime() - deadline < 0) {
      if (!p.isAlive()) {
        throw new IOException(url + ": the process exited with " + p.exitValue() + "; log " + log + ":\n" + tail(log));
      }
      HttpRequest.Builder req = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET();
      if (bearer != null) req.header("Authorization", "Bearer " + bearer);
      try {
        last = HTTP.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (last == 200) return;
      } catch (IOException notListeningYet) {
        // the port opens a moment after the process starts
      }
      Thread.sleep(200);
    }
    throw new IOException(url + " did not answer 200 within " + timeout.toSeconds() + " s (last " + last + "); log "
        + log + ":\n" + tail(log));
  }

  /** The last 40 lines of {@code log} (the test's temporary folder is gone when the report is read). */
  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(" + log + " unreadable: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM, then SIGKILL after 10 s. */
  static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
