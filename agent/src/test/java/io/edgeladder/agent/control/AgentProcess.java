package io.edgeladder.agent.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real agent in a child JVM ({@code AgentMain --config FILE}, this JVM's class path), so a test can kill it
 * for real: {@link #kill()} is {@link Process#destroyForcibly()}, SIGKILL on Linux (no shutdown hook, no
 * close, no flush). Output goes to a log file per start, which tests read for what the agent said.
 * {@link #close()} kills it if still alive.
 */
final class AgentProcess implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final long startNanos = System.nanoTime();

  private AgentProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code AgentMain --config config}; output to {@code log}. */
  static AgentProcess start(Path config, Path log) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // -Xss8m: with a class path as long as a test's (some 100 jars), ONNX Runtime's environment set-up overflows
    // the default 1 MB main-thread stack and the JVM dies with SIGSEGV (exit 139, no hs_err); `java -jar` is fine.
    List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx384m", "-Xss8m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), "io.edgeladder.agent.app.AgentMain", "--config",
        config.toString()));
    Process p = new ProcessBuilder(cmd).directory(config.getParent().toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    return new AgentProcess(p, log);
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Milliseconds since {@link #start}. */
  long uptimeMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** SIGKILL, then waits for the process to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) throw new AssertionError("agent " + pid() + " survived SIGKILL");
  }

  /**
   * {@code condition}, failing at once (with the agent's last output) if the agent is no longer running: a
   * wait on a dead agent would only time out.
   */
  java.util.function.BooleanSupplier whileAlive(java.util.function.BooleanSupplier condition) {
    return () -> {
      if (!process.isAlive()) {
        throw new AssertionError("agent " + pid() + " exited with " + process.exitValue() + ":\n" + tail(4000));
      }
      return condition.getAsBoolean();
    };
  }

  /** What the agent printed so far. */
  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** The last {@code n} characters of the log, for failure messages. */
  String tail(int n) {
    String s = log();
    return s.length() <= n ? s : s.substring(s.length() - n);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) kill();
  }
}
