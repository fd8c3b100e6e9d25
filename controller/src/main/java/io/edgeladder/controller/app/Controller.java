package io.edgeladder.controller.app;

import io.edgeladder.controller.api.ApiServer;
import io.edgeladder.controller.api.ApiServices;
import io.edgeladder.controller.console.LiveBoard;
import io.edgeladder.controller.desired.DesiredStateService;
import io.edgeladder.controller.desired.SelectorAssignments;
import io.edgeladder.controller.registry.ArtifactStore;
import io.edgeladder.controller.distribution.ReleasePublisher;
import io.edgeladder.controller.fleet.FleetIngest;
import io.edgeladder.controller.fleet.FleetView;
import io.edgeladder.controller.mqtt.ControllerMqtt;
import io.edgeladder.controller.rollout.DesiredServiceTarget;
import io.edgeladder.controller.rollout.RolloutEngine;
import io.edgeladder.controller.rollout.RolloutScheduler;
import io.edgeladder.controller.store.Store;
import io.edgeladder.protocol.dist.Chunker;
import io.edgeladder.protocol.dist.KeyFiles;
import io.edgeladder.protocol.dist.Signer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running controller: store, MQTT connection, fleet ingest, desired state and release publishing wired
 * together. {@link #start} opens the database (migrating it), connects, subscribes, republishes the stored
 * desired states, and sweeps silent agents offline every {@code fleet.offlineAfter / 3}; then it ticks the
 * rollout engine every {@link #ROLLOUT_TICK} and serves the REST API ({@code http.port} >= 0).
 *
 * <p>Owns everything it opens; {@link #close()} stops the sweep, drains the ingest lanes, publishes the
 * controller's {@code offline} status, disconnects and closes the database. Thread-safe accessors.
 */
public final class Controller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Controller.class);
  /** How often rollouts are moved on. */
  public static final Duration ROLLOUT_TICK = Duration.ofSeconds(5);

  private final List<AutoCloseable> owned = new ArrayList<>(); // closed in reverse order
  private final Store store;
  private final ControllerMqtt mqtt;
  private final FleetIngest ingest;
  private final LiveBoard live = new LiveBoard();
  private final DesiredStateService desired;
  private final ReleasePublisher publisher;
  private final FleetView view;
  private final RolloutEngine rollouts;
  private final String keyId;
  private ApiServer api; // set once in start, before the controller is handed out

  private Controller(ControllerConfig config, MeterRegistry meters, Clock clock) throws IOException {
    try {
      Signer signer = signer(config);
      this.keyId = signer.keyId();
      Files.createDirectories(config.dataDir());
      this.store = own(Store.open(config.database(), config.fleet().settings(), clock));
      this.mqtt = own(ControllerMqtt.create(config.broker(), meters));
      this.ingest = own(new FleetIngest(mqtt, store.agents(), store.desiredStates(), meters, clock,
          config.fleet().ingestLanes(), config.fleet().ingestQueue()));
      this.desired = new DesiredStateService(mqtt, store.agents(), store.desiredStates(), store.models(),
          SelectorAssignments.open(config.dataDir().resolve("desired-selectors.json")), meters, clock);
      ingest.addListener(desired);
      ingest.addListener(live);
      ControllerConfig.Distribution d = config.distribution();
      this.publisher = new ReleasePublisher(mqtt, store.models(),
          ArtifactStore.open(config.dataDir().resolve("artifacts")), signer, Chunker.of(d.chunkSize()),
          config.dataDir().resolve("published"), d.window(), d.ackTimeout().toMillis());
      this.view = new FleetView(store.agents(), store.desiredStates());
      this.rollouts = RolloutEngine.of(store, new DesiredServiceTarget(desired, store.agents(),
          store.desiredStates()), clock, meters);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Reads the key pair, generating it first if configured and neither file exists. */
  private static Signer signer(ControllerConfig config) throws IOException {
    if (config.generateKeys() && !Files.exists(config.privateKey()) && !Files.exists(config.publicKey())) {
      Files.createDirectories(config.privateKey().toAbsolutePath().getParent());
      Files.createDirectories(config.publicKey().toAbsolutePath().getParent());
      KeyPair pair = KeyFiles.generate();
      KeyFiles.write(pair, config.privateKey(), config.publicKey());
      LOG.info("generated signing key {}: {} (agents trust {})", KeyFiles.keyId(pair.getPublic()),
          config.privateKey(), config.publicKey());
    }
    return Signer.of(KeyFiles.readPrivate(config.privateKey()), KeyFiles.readPublic(config.publicKey()));
  }

  /**
   * Starts the controller and waits until it is connected and subscribed.
   *
   * @param connectTimeout how long to wait for the broker (the client keeps retrying in the background)
   * @throws IOException when the key files cannot be read, the data folder created or the REST API's port bound
   * @throws TimeoutException when the broker was not reached in time (everything opened is closed again)
   */
  public static Controller start(ControllerConfig config, MeterRegistry meters, Clock clock, Duration connectTimeout)
      throws IOException, TimeoutException, InterruptedException {
    Controller c = new Controller(config, meters, clock);
    try {
      c.mqtt.connect().get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
      c.ingest.start().get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
      c.mqtt.onConnect(c.desired::republishAll);
      Duration offline = config.fleet().offlineAfter();
      ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fleet-sweep");
        t.setDaemon(true);
        return t;
      });
      c.owned.add(sweeper::shutdownNow);
      long period = Math.max(1_000, offline.toMillis() / 3);
      sweeper.scheduleWithFixedDelay(() -> c.ingest.sweepSilent(offline), period, period, TimeUnit.MILLISECONDS);
      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rollout-tick"); // its own thread: a tick waits for broker acks
        t.setDaemon(true);
        return t;
      });
      c.owned.add(ticker::shutdownNow);
      c.owned.add(RolloutScheduler.start(c.rollouts, ticker, ROLLOUT_TICK));
      if (config.http().port() >= 0) {
        c.api = c.own(ApiServer.start(new ApiServices(c.store, c.view, c.desired, c.publisher, c.rollouts,
            c.live, c.mqtt::isConnected, meters), config.http().host(), config.http().port(),
            SecurityConfig.apiTokens(config.http(), LOG)));
      }
      return c;
    } catch (ExecutionException e) {
      c.close();
      throw new IOException("controller start failed: " + e.getCause().getMessage(), e.getCause());
    } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** The rollout engine (ticked every {@link #ROLLOUT_TICK} on the {@code rollout-tick} thread). */
  public RolloutEngine rollouts() {
    return rollouts;
  }

  /** The REST API's port, -1 when {@code http.port} is -1. */
  public int apiPort() {
    return api == null ? -1 : api.port();
  }

  public FleetView fleet() {
    return view;
  }

  public DesiredStateService desired() {
    return desired;
  }

  public ReleasePublisher publisher() {
    return publisher;
  }

  /** The console's live figures (in memory, fed by the ingest). */
  public LiveBoard live() {
    return live;
  }

  public FleetIngest ingest() {
    return ingest;
  }

  public Store store() {
    return store;
  }

  public ControllerMqtt mqtt() {
    return mqtt;
  }

  /** Id of the signing key (agents must trust its public half). */
  public String keyId() {
    return keyId;
  }

  @Override
  public void close() {
    for (int i = owned.size() - 1; i >= 0; i--) {
      try {
        owned.get(i).close();
      } catch (Exception e) { // NOPMD: close the rest anyway
        LOG.warn("closing {} failed", owned.get(i), e);
      }
    }
    owned.clear();
  }

  private <T extends AutoCloseable> T own(T resource) {
    owned.add(resource);
    return resource;
  }
}
