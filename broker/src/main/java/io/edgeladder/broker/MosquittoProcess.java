package io.edgeladder.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker in a child process, for interoperability and fault tests: loopback only,
 * anonymous access, on a free port that stays the same across {@link #restart()}. Without persistence
 * by default; {@link #startPersistent} keeps sessions and queued messages in its own folder, saved every
 * second, so a {@link #kill()} (SIGKILL) and {@link #restart()} lose at most the last second's changes.
 *
 * <p>Like {@link EmbeddedBroker}, it raises two limits a 1000 msg/s QoS 1 stream would hit:
 * {@code max_inflight_messages} 20 → 1000 (Mosquitto also announces it as its MQTT 5 Receive
 * Maximum, which Paho adopts as its in-flight window: with 20, a burst of 500 publishes saw 205
 * rejected) and {@code max_queued_messages} 1000 → 100000 per client.
 *
 * <p>Not thread-safe: one owner starts, kills, restarts and closes it.
 */
public final class MosquittoProcess implements AutoCloseable {
  private static final List<Path> CANDIDATES =
      List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/local/sbin/mosquitto"),
          Path.of("/usr/bin/mosquitto"), Path.of("/opt/homebrew/sbin/mosquitto"));
  private static final String HOST = "127.0.0.1";
  private static final long READY_TIMEOUT_MS = 10_000;

  private final Path binary;
  private final int port;
  private final List<Integer> ports; // every listener; launch waits for all of them
  private final Path tempRoot;
  private final Path configFile;
  private final Path logFile;
  private final boolean persistent;
  private Process process;

  private MosquittoProcess(Path binary, int port, Path tempRoot, boolean persistent) {
    this(binary, List.of(port), tempRoot, tempRoot.resolve("mosquitto.conf"), persistent);
  }

  private MosquittoProcess(Path binary, List<Integer> ports, Path tempRoot, Path configFile,
      boolean persistent) {
    this.binary = binary;
    this.port = ports.get(0);
    this.ports = List.copyOf(ports);
    this.tempRoot = tempRoot;
    this.configFile = configFile;
    this.logFile = tempRoot.resolve("mosquitto.log");
    this.persistent = persistent;
  }

  /** Whether a mosquitto binary is installed. */
  public static boolean available() {
    return findBinary() != null;
  }

  /** Starts mosquitto on a free loopback port with the default configuration. */
  public static MosquittoProcess start() {
    return start(List.of());
  }

  /**
   * Starts mosquitto on a free loopback port and waits (at most 10 s) until it accepts connections.
   *
   * @param extraConfigLines appended to the generated configuration, e.g. {@code
   *     "max_queued_messages 100000"}
   * @throws IllegalStateException if mosquitto is missing, exits, or never accepts connections
   */
  public static MosquittoProcess start(List<String> extraConfigLines) {
    return start(extraConfigLines, false);
  }

  /**
   * Like {@link #start(List)}, with persistence on: sessions, subscriptions and queued QoS 1/2 messages
   * go to a {@code data/} folder of its own, saved every second ({@code autosave_interval 1}) and on a
   * clean stop, and are read back by {@link #restart()}.
   */
  public static MosquittoProcess startPersistent(List<String> extraConfigLines) {
    return start(extraConfigLines, true);
  }

  private static MosquittoProcess start(List<String> extraConfigLines, boolean persistent) {
    Path binary = findBinary();
    if (binary == null) {
      throw new IllegalStateException("mosquitto not found: apt-get install -y mosquitto");
    }
    Path root;
    try {
      root = Files.createTempDirectory("edgeladder-mosquitto-");
    } catch (IOException e) {
      throw new UncheckedIOException("mosquitto: cannot create a temporary folder", e);
    }
    MosquittoProcess mosquitto = new MosquittoProcess(binary, Ports.pickFree(HOST), root, persistent);
    try {
      mosquitto.writeConfig(extraConfigLines);
      mosquitto.launch();
    } catch (RuntimeException e) {
      mosquitto.close();
      throw e;
    }
    return mosquitto;
  }

  /**
   * Starts mosquitto with a configuration file of the caller's (e.g. a templated {@code deploy/mosquitto}
   * file, see {@link DeployedMosquitto}) and waits (at most 10 s) until every listener port accepts TCP
   * connections. The file is not changed or deleted; the log goes to a temporary folder.
   *
   * @param listenerPorts the loopback ports the file's listeners bind, at least one; {@link #port()} is
   *     the first
   * @throws IllegalStateException if mosquitto is missing, exits (e.g. a config error: the message holds
   *     its log), or a port never accepts connections
   */
  public static MosquittoProcess startWithConfig(Path configFile, List<Integer> listenerPorts) {
    if (listenerPorts.isEmpty()) {
      throw new IllegalArgumentException("mosquitto: at least one listener port is needed");
    }
    Path binary = findBinary();
    if (binary == null) {
      throw new IllegalStateException("mosquitto not found: apt-get install -y mosquitto");
    }
    Path root;
    try {
      root = Files.createTempDirectory("edgeladder-mosquitto-");
    } catch (IOException e) {
      throw new UncheckedIOException("mosquitto: cannot create a temporary folder", e);
    }
    MosquittoProcess mosquitto =
        new MosquittoProcess(binary, listenerPorts, root, configFile.toAbsolutePath(), false);
    try {
      mosquitto.launch();
    } catch (RuntimeException e) {
      mosquitto.close();
      throw e;
    }
    return mosquitto;
  }

  /** Mosquitto's log so far (stdout and stderr of every launch), for test diagnostics. */
  public String logText() {
    return log();
  }

  public String url() {
    return "tcp://" + HOST + ':' + port;
  }

  public int port() {
    return port;
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: connections drop without any MQTT goodbye, as on a crash or power loss. */
  public void kill() {
    Process running = process;
    process = null;
    if (running == null) {
      return;
    }
    running.destroyForcibly();
    waitForExit(running);
  }

  /** Kills the current process (if any) and starts a new one on the same port. */
  public void restart() {
    kill();
    launch();
  }

  /**
   * Stops mosquitto (SIGTERM, then SIGKILL after 5 s) and deletes its temporary folder (not a
   * configuration file given to {@link #startWithConfig}).
   */
  @Override
  public void close() {
    Process running = process;
    process = null;
    if (running != null) {
      running.destroy();
      try {
        if (!running.waitFor(5, TimeUnit.SECONDS)) {
          running.destroyForcibly();
          waitForExit(running);
        }
      } catch (InterruptedException e) {
        running.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    TempFolders.deleteRecursively(tempRoot);
  }

  private void writeConfig(List<String> extraConfigLines) {
    List<String> lines = new ArrayList<>();
    lines.add("listener " + port + ' ' + HOST);
    lines.add("allow_anonymous true");
    // Nagle off, as every client here sets TCP_NODELAY: with Mosquitto's default (false) the adaptive bench's
    // E2E p50 through it was 6.5 ms against 0.64 ms through the embedded broker.
    lines.add("set_tcp_nodelay true");
    if (persistent) {
      Path data = tempRoot.resolve("data");
      try {
        Files.createDirectories(data);
      } catch (IOException e) {
        throw new UncheckedIOException("mosquitto: cannot create " + data, e);
      }
      lines.add("persistence true");
      lines.add("persistence_location " + data + '/');
      lines.add("autosave_interval 1");
      if ("root".equals(System.getProperty("user.name"))) {
        lines.add("user root"); // as root, mosquitto would switch to its own user, who cannot write here
      }
    } else {
      lines.add("persistence false");
    }
    lines.add("log_dest stderr");
    lines.add("max_inflight_messages 1000");
    lines.add("max_queued_messages 100000");
    lines.addAll(extraConfigLines);
    try {
      Files.write(configFile, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("mosquitto: cannot write " + configFile, e);
    }
  }

  private void launch() {
    ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-c", configFile.toString());
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("mosquitto: cannot run " + binary + ": " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MS);
    while (!allAccept()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "mosquitto exited with code " + process.exitValue() + " on port(s) " + ports + ": " + log());
      }
      if (System.nanoTime() > deadline) {
        kill();
        throw new IllegalStateException(
            "mosquitto did not accept connections on port(s) " + ports + " within "
                + READY_TIMEOUT_MS + " ms: " + log());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        kill();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("mosquitto: interrupted while starting", e);
      }
    }
  }

  private boolean allAccept() {
    for (int p : ports) {
      if (!Ports.accepts(HOST, p)) {
        return false;
      }
    }
    return true;
  }

  private String log() {
    try {
      return Files.readString(logFile).strip();
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void waitForExit(Process running) {
    try {
      running.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Path findBinary() {
    String override = System.getenv("EDGELADDER_MOSQUITTO");
    if (override != null && !override.isBlank()) {
      Path path = Path.of(override);
      return Files.isExecutable(path) ? path : null;
    }
    for (Path candidate : CANDIDATES) {
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
