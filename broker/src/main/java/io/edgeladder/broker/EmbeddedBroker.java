package io.edgeladder.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process MQTT v5 broker (HiveMQ CE embedded) for the zero-setup demo and the test suite.
 *
 * <p>It writes its own {@code config.xml} into a temporary folder: one TCP listener on the chosen
 * address, anonymous usage statistics off, in-memory or file persistence, and limits raised above
 * HiveMQ's defaults so a 1000 msg/s stream does not hit them (see {@link BrokerConfigXml}). HiveMQ
 * logs through our SLF4J binding ({@code withoutLoggingBootstrap}); the application's logback
 * configuration decides how loud it is (we run {@code com.hivemq} at WARN).
 *
 * <p>Not thread-safe: one owner starts, restarts and closes it.
 */
public final class EmbeddedBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
  private static final long START_TIMEOUT_SECONDS = 30;
  private static final long STOP_TIMEOUT_SECONDS = 30;

  private final Options options;
  private final int port;
  private final boolean portWasTaken;
  private final Path tempRoot;
  private final Path configFolder;
  private final Path dataFolder;
  private final Path extensionsFolder;
  private EmbeddedHiveMQ hivemq;
  private CompletableFuture<Void> lastStop;

  private EmbeddedBroker(Options options, int port, boolean portWasTaken, Path tempRoot) {
    this.options = options;
    this.port = port;
    this.portWasTaken = portWasTaken;
    this.tempRoot = tempRoot;
    this.configFolder = tempRoot.resolve("conf");
    this.dataFolder = options.inMemory() ? tempRoot.resolve("data") : options.dataFolder();
    this.extensionsFolder = tempRoot.resolve("extensions");
  }

  /**
   * Starts a broker and waits until it accepts connections (about 1.5 s).
   *
   * @throws IllegalStateException if HiveMQ does not start; the temporary folders are removed
   */
  public static EmbeddedBroker start(Options options) {
    int port = options.port();
    boolean taken = false;
    if (port == 0) {
      port = Ports.pickFree(options.host());
    } else if (!Ports.isFree(options.host(), port)) {
      taken = true;
      port = Ports.pickFree(options.host());
    }
    Path root;
    try {
      root = Files.createTempDirectory("edgeladder-hivemq-");
    } catch (IOException e) {
      throw new UncheckedIOException("embedded broker: cannot create a temporary folder", e);
    }
    EmbeddedBroker broker = new EmbeddedBroker(options, port, taken, root);
    try {
      broker.writeConfig();
      broker.startHiveMq();
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    if (taken) {
      LOG.info("port {} was taken; embedded broker listens on {}", options.port(), broker.url());
    }
    return broker;
  }

  /** {@code tcp://host:port}, for MQTT clients. */
  public String url() {
    return "tcp://" + options.host() + ':' + port;
  }

  public String host() {
    return options.host();
  }

  public int port() {
    return port;
  }

  /** Whether the requested port was in use so another, free one was chosen. */
  public boolean portWasTaken() {
    return portWasTaken;
  }

  Path tempRoot() {
    return tempRoot;
  }

  public boolean isRunning() {
    return hivemq != null;
  }

  /**
   * Stops the broker: every client connection is closed (as on a broker crash, so no will is
   * suppressed) and the port is released. Returns once the port can be bound again (in-memory) or
   * HiveMQ has fully stopped (file persistence); see {@link #close()} for why.
   */
  public void stop() {
    EmbeddedHiveMQ running = hivemq;
    hivemq = null;
    if (running == null) {
      return;
    }
    CompletableFuture<Void> stopped = running.stop();
    try {
      if (options.inMemory()) {
        waitUntilPortIsFree(stopped);
      } else {
        stopped.get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("embedded broker on port {} did not stop cleanly: {}", port, e.toString());
    }
    lastStop = stopped;
  }

  /** Stops and starts a fresh HiveMQ on the same port (in-memory persistence: state is lost). */
  public void restart() {
    stop();
    startHiveMq();
  }

  /**
   * Stops the broker and deletes its temporary folders (a file-persistence folder is kept).
   *
   * <p>HiveMQ's own stop takes about 4 s, of which two fixed 2-second quiet periods (Netty's event
   * loops, the extension executor) come after every client has been disconnected and the listener
   * closed (about 0.1 s in). With in-memory persistence nothing of value remains after that point,
   * so this returns as soon as the port can be bound again and HiveMQ finishes (and the temporary
   * folders are removed) in the background. With file persistence it waits for the full stop, so
   * the data folder is consistent when it returns.
   */
  @Override
  public void close() {
    stop();
    // In-memory HiveMQ has read its config and writes nothing more once its listener is closed,
    // so the folders go now: a JVM ending within the remaining ~4 s would otherwise leave them.
    deleteTempRoot();
    CompletableFuture<Void> stopped = lastStop;
    if (stopped != null && !stopped.isDone()) {
      stopped.whenComplete((ignored, failure) -> deleteTempRoot());
    }
  }

  private void waitUntilPortIsFree(CompletableFuture<Void> stopped)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_TIMEOUT_SECONDS);
    while (!stopped.isDone() && !Ports.isFree(options.host(), port)) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("port " + port + " still bound");
      }
      Thread.sleep(10);
    }
  }

  private void deleteTempRoot() {
    if (!TempFolders.deleteRecursively(tempRoot)) {
      LOG.debug("could not delete all of {}", tempRoot);
    }
  }

  private void writeConfig() {
    try {
      Files.createDirectories(configFolder);
      Files.createDirectories(dataFolder);
      Files.createDirectories(extensionsFolder);
      Files.writeString(
          configFolder.resolve("config.xml"),
          BrokerConfigXml.render(options.host(), port, options.inMemory()));
    } catch (IOException e) {
      throw new UncheckedIOException("embedded broker: cannot write config to " + configFolder, e);
    }
  }

  private void startHiveMq() {
    EmbeddedHiveMQ created =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(configFolder)
            .withDataFolder(dataFolder)
            .withExtensionsFolder(extensionsFolder)
            .withoutLoggingBootstrap()
            .build();
    try {
      created.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("embedded broker: interrupted while starting on " + url(), e);
    } catch (ExecutionException | TimeoutException e) {
      created.stop();
      throw new IllegalStateException("embedded broker: cannot start on " + url() + ": " + e, e);
    }
    hivemq = created;
  }

  /**
   * How to start an {@link EmbeddedBroker}.
   *
   * @param host the address to bind, e.g. {@code 127.0.0.1}
   * @param port the TCP port; 0 picks any free port; a taken port falls back to a free one
   * @param dataFolder {@code null} for in-memory persistence (sessions and retained messages die
   *     with the broker), otherwise the folder of HiveMQ's file persistence (kept on close)
   */
  public record Options(String host, int port, Path dataFolder) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 1883;

    public Options {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("broker.host must not be empty but was '" + host + "'");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("broker.port must be in 0..65535 but was " + port);
      }
    }

    /** 127.0.0.1:1883, in-memory persistence. */
    public static Options ofDefaults() {
      return new Options(DEFAULT_HOST, DEFAULT_PORT, null);
    }

    /** 127.0.0.1 on any free port, in-memory persistence: what tests want. */
    public static Options anyFreePort() {
      return new Options(DEFAULT_HOST, 0, null);
    }

    public Options withHost(String newHost) {
      return new Options(newHost, port, dataFolder);
    }

    public Options withPort(int newPort) {
      return new Options(host, newPort, dataFolder);
    }

    /** File persistence in {@code folder}: sessions and retained messages survive a restart. */
    public Options withFilePersistence(Path folder) {
      if (folder == null) {
        throw new IllegalArgumentException("broker.dataFolder must not be null for file persistence");
      }
      return new Options(host, port, folder);
    }

    public boolean inMemory() {
      return dataFolder == null;
    }
  }
}
