package io.edgeladder.controller.app;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.edgeladder.controller.mqtt.MqttSettings;
import io.edgeladder.controller.store.DatabaseConfig;
import io.edgeladder.controller.store.fleet.FleetSettings;
import io.edgeladder.protocol.dist.Artifact;
import io.edgeladder.protocol.net.TlsSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads {@code controller.yaml} into a {@link ControllerConfig}. Every problem (type, range, unknown key,
 * missing key file, bad URL) is collected and thrown together; messages name the key and never the
 * passwords. Relative paths resolve against the file's folder. Any key can be overridden by an environment
 * variable, {@code EDGELADDER_} + the key path in upper snake case ({@code EDGELADDER_BROKER_PASSWORD},
 * {@code EDGELADDER_DATABASE_URL}); an empty value unsets it. Stateless; thread-safe.
 */
public final class ControllerConfigLoader {
  private static final YAMLMapper YAML = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  /** Where the controller keeps its files unless {@code dataDir} says otherwise. */
  public static final Path DEFAULT_DATA_DIR = Path.of(System.getProperty("java.io.tmpdir"), "edgeladder-controller");

  private ControllerConfigLoader() {}

  /** @throws ConfigException listing every problem, including an unreadable file */
  public static ControllerConfig load(Path file, Map<String, String> env) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(file.toString(), List.of("cannot read the file: " + e));
    }
    return parse(text, file.toAbsolutePath().getParent(), env, file.toString());
  }

  /** Parses YAML as if read from a file in {@code baseDir}. @throws ConfigException listing every problem */
  public static ControllerConfig parse(String yaml, Path baseDir, Map<String, String> env, String source)
      throws ConfigException {
    JsonNode root;
    try {
      root = yaml.isBlank() ? MissingNode.getInstance() : YAML.readTree(yaml);
    } catch (IOException e) {
      throw new ConfigException(source, List.of("not YAML: " + e.getMessage()));
    }
    ConfigReader r = new ConfigReader(root == null ? MissingNode.getInstance() : root, env, baseDir);
    String id = r.text("controller.id", "controller");
    String url = r.text("broker.url", "tcp://127.0.0.1:1883");
    String password = SecurityConfig.brokerPassword(r);
    TlsSettings tls = SecurityConfig.brokerTls(r, url);
    MqttSettings broker = build(r, () -> new MqttSettings(url, id, r.text("broker.username", null), password,
        Duration.ofSeconds(r.number("broker.keepAliveSeconds", 30, 0, 65_535)), Duration.ofSeconds(10),
        Duration.ofSeconds(r.number("broker.maxReconnectDelaySeconds", 30, 1, 3600)),
        (int) r.number("broker.maxInFlight", MqttSettings.DEFAULT_MAX_IN_FLIGHT, 3, 65_535), tls));
    Path dataDir = r.path("dataDir", DEFAULT_DATA_DIR.toString());
    String dbUrl = r.text("database.url", null);
    String dbUser = r.text("database.user", null);
    String dbPassword = r.text("database.password", null);
    int pool = (int) r.number("database.maxPoolSize", 8, 1, 200);
    DatabaseConfig db = build(r, () -> dbUrl == null ? DatabaseConfig.embedded(dataDir)
        : new DatabaseConfig(dbUrl, dbUser, dbPassword, pool));
    boolean generate = r.flag("keys.generateIfMissing", true);
    Path privateKey = keyFile(r, "keys.private", dataDir.resolve("keys/controller.key"), generate);
    Path publicKey = keyFile(r, "keys.public", dataDir.resolve("keys/controller.pub"), generate);
    if (generate && Files.exists(privateKey) != Files.exists(publicKey)) {
      r.problem("keys: only one of " + privateKey + " and " + publicKey + " exists; restore the other or remove"
          + " both to generate a new pair");
    }
    ControllerConfig.Http http = SecurityConfig.http(r, dataDir);
    FleetSettings settings = build(r, () -> new FleetSettings(
        Duration.ofSeconds(r.number("fleet.duplicateWindowSeconds", 15, 1, 86_400)),
        Duration.ofMinutes(r.number("fleet.kpiRetentionMinutes", 30, 1, 10_080))));
    ControllerConfig.Fleet fleet = new ControllerConfig.Fleet(settings,
        Duration.ofSeconds(r.number("fleet.offlineAfterSeconds", 30, 1, 86_400)),
        (int) r.number("fleet.ingestLanes", 2, 1, 64), (int) r.number("fleet.ingestQueue", 10_000, 1, 1_000_000));
    ControllerConfig.Distribution dist = new ControllerConfig.Distribution(
        (int) r.number("distribution.chunkSize", 256 * 1024, 1, Artifact.MAX_CHUNK_SIZE),
        (int) r.number("distribution.window", 8, 1, 1_000),
        Duration.ofSeconds(r.number("distribution.ackTimeoutSeconds", 30, 1, 3_600)));
    r.unknownKeys();
    if (!r.problems().isEmpty()) throw new ConfigException(source, r.problems());
    return new ControllerConfig(broker, dataDir, db, privateKey, publicKey, generate, http, fleet, dist);
  }

  private static Path keyFile(ConfigReader r, String key, Path fallback, boolean generate) {
    Path p = r.path(key, fallback.toString());
    if (!generate && !Files.isRegularFile(p)) {
      r.problem(key + ": " + p + " does not exist (create the pair with `edgeladder-controller keys generate"
          + " --out DIR`)");
    }
    return p;
  }

  /** Runs a record constructor, turning its IllegalArgumentException into a problem. */
  private static <T> T build(ConfigReader r, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      r.problem(e.getMessage());
      return null;
    }
  }
}
