package io.edgeladder.controller.app;

import io.edgeladder.controller.mqtt.MqttSettings;
import io.edgeladder.controller.store.DatabaseConfig;
import io.edgeladder.controller.store.fleet.FleetSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code controller.yaml}, validated ({@link ControllerConfigLoader}); paths are absolute. Immutable.
 *
 * @param broker how to reach the fleet broker
 * @param dataDir the controller's own files: the embedded database, artifact files, publish ledger,
 *     selector assignments
 * @param database embedded H2 in {@code dataDir} by default, or PostgreSQL
 * @param privateKey the Ed25519 signing key (PKCS#8 PEM, from {@code keys generate})
 * @param publicKey its public half (the file agents are configured with)
 * @param generateKeys create the pair at start when neither file exists
 * @param http REST API listener (used by the API once it exists)
 * @param fleet registry timing and ingest threads
 * @param distribution chunking and publish window
 */
public record ControllerConfig(
    MqttSettings broker,
    Path dataDir,
    DatabaseConfig database,
    Path privateKey,
    Path publicKey,
    boolean generateKeys,
    Http http,
    Fleet fleet,
    Distribution distribution) {

  /**
   * @param port 0 for any free port, -1 for none
   * @param token a bearer token the API accepts besides those of {@code tokenFile} (from
   *     {@code EDGELADDER_HTTP_TOKEN}); {@code null} for none; never printed
   * @param tokenFile the API's tokens, one per line ({@code null}: none)
   * @param generateToken write a new token to {@code tokenFile} at start when it does not exist and there is
   *     no {@code token}
   */
  public record Http(String host, int port, String token, Path tokenFile, boolean generateToken) {
    /** No token source: for a controller without the API ({@code port} -1); with a port the start fails. */
    public Http(String host, int port) {
      this(host, port, null, null, false);
    }

    @Override
    public String toString() {
      return "Http[" + host + ":" + port + ", token=" + (token == null ? "none" : "***") + ", tokenFile="
          + tokenFile + ", generateToken=" + generateToken + "]";
    }
  }

  /**
   * @param offlineAfter an online agent silent for this long is marked offline (its will never came)
   * @param ingestLanes threads recording fleet messages
   * @param ingestQueue messages waiting per lane before heartbeats are dropped
   */
  public record Fleet(FleetSettings settings, Duration offlineAfter, int ingestLanes, int ingestQueue) {}

  /**
   * @param chunkSize bytes per artifact chunk
   * @param window chunks awaiting the broker's acknowledgement at once
   * @param ackTimeout how long to wait for an acknowledgement
   */
  public record Distribution(int chunkSize, int window, Duration ackTimeout) {}
}
