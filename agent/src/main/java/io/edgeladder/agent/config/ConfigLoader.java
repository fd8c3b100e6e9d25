package io.edgeladder.agent.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.edgeladder.agent.inference.RunnerOptions;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.net.BrokerUrls;
import io.edgeladder.protocol.net.TlsSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code agent.yaml} into an {@link AgentConfig}: YAML into a tree, then environment overrides,
 * then binding with every problem collected and thrown together as one {@link ConfigException}.
 *
 * <p><b>Problems</b> name their path and the bad value: {@code pipelines[1].hop must be >= 0 but was -3},
 * {@code unknown key 'brokr' at top level (did you mean 'broker'?)}. Checked: types, ranges, enum values,
 * unknown keys at every level, agent id and pipeline names as topic levels, the broker URL scheme
 * ({@code tcp://} or {@code ssl://}), pipeline topics as MQTT filters, duplicate pipeline names and topics,
 * and each pipeline against its model card (file exists and loads, its ONNX file exists, channel count,
 * sample rate, window size). The broker password never appears in a message.
 *
 * <p><b>Paths</b> ({@code pipelines[].model}) resolve against the YAML file's folder and are stored
 * absolute. {@code windowSize: 0} / {@code hop: 0} take the model card's values and the resolved values
 * are stored; {@code broker.clientId} defaults to {@code agent.id}.
 *
 * <p><b>Environment overrides</b>: {@code EDGELADDER_} + the key path in upper snake case, levels and list
 * indexes joined with {@code _}: {@code EDGELADDER_BROKER_URL}, {@code EDGELADDER_INFERENCE_INTRA_OP_THREADS},
 * {@code EDGELADDER_PIPELINES_0_DEADLINE_MS}. Names are resolved by walking the known schema; one that
 * matches no key is a problem (except {@code EDGELADDER_CONFIG}, {@code EDGELADDER_OPTS} and
 * {@code EDGELADDER_HOME}, left to launchers). Values parse as YAML ({@code 42}, {@code true},
 * {@code [x, y, z]}), except for string keys, which take the text verbatim; empty, {@code null} or
 * {@code ~} unset a key. A list element must exist in the file to be overridden.
 *
 * <p>See {@code docs/config.md} for every key and its default. Thread-safe: no shared state.
 */
public final class ConfigLoader {
  /** Prefix of environment variables that override keys. */
  public static final String ENV_PREFIX = EnvOverrides.PREFIX;

  static final List<String> OPTIMIZATIONS = List.of("none", "basic", "extended", "all");

  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private ConfigLoader() {}

  /**
   * Loads and validates a YAML file.
   *
   * @param env environment variables, usually {@code System.getenv()}
   * @throws ConfigException listing every problem, including an unreadable file
   */
  public static AgentConfig load(Path yamlFile, Map<String, String> env) throws ConfigException {
    String text;
    try {
      text = Files.readString(yamlFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(yamlFile.toString(), List.of("cannot read the file: " + e));
    }
    Path dir = yamlFile.toAbsolutePath().getParent();
    return parse(text, dir, env, yamlFile.toString());
  }

  /**
   * Parses YAML text as if read from a file in {@code baseDir}.
   *
   * @throws ConfigException listing every problem
   */
  public static AgentConfig parse(String yaml, Path baseDir, Map<String, String> env) throws ConfigException {
    return parse(yaml, baseDir, env, "agent config");
  }

  private static AgentConfig parse(String yaml, Path baseDir, Map<String, String> env, String source)
      throws ConfigException {
    JsonNode tree;
    try {
      tree = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new ConfigException(source, List.of("invalid YAML" + where + ": " + e.getOriginalMessage()));
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      tree = YAML.createObjectNode(); // an empty file: report what is required, env may still fill it
    }
    if (!(tree instanceof ObjectNode root)) {
      throw new ConfigException(source, List.of("the top level must be a mapping but was " + Section.describe(tree)));
    }
    Problems problems = new Problems();
    EnvOverrides.apply(root, env, YAML, problems);
    AgentConfig config = bind(root, baseDir, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems.list());
    }
    return config;
  }

  private static AgentConfig bind(ObjectNode root, Path baseDir, Problems problems) {
    Section top = Section.open(root, "", Schema.ROOT, problems);

    Section agent = open(top, "agent", problems);
    String agentId = agent.requiredString("id");
    if (agentId != null && Topics.levelProblem(agentId) != null) {
      problems.at("agent.id", Topics.levelProblem(agentId));
    }

    Section b = open(top, "broker", problems);
    String url = b.string("url", "tcp://127.0.0.1:1883");
    String urlProblem = brokerUrlProblem(url);
    if (urlProblem != null) problems.at("broker.url", urlProblem);
    String clientId = b.string("clientId", agentId);
    if (clientId != null && clientId.isEmpty()) problems.at("broker.clientId", "must not be empty");
    String username = b.string("username", null);
    String password = BrokerSecurityBinder.password(b, b.string("password", null), baseDir, problems);
    TlsSettings tls = BrokerSecurityBinder.tls(b, url, baseDir, problems);
    int keepAlive = b.integer("keepAliveSeconds", 30, 0, 65535, false);
    int resultQos = b.integer("resultQos", 1, 0, 1, false);
    long sessionExpiry = SpoolBinder.sessionExpiry(b, problems);

    Section h = open(top, "http", problems);
    String host = h.string("host", "127.0.0.1");
    if (host.isBlank()) problems.at("http.host", "must not be blank");
    int port = h.integer("port", 9464, AgentConfig.Http.DISABLED, 65535, false);

    Section i = open(top, "inference", problems);
    int workers = i.integer("workers", 1, 1);
    int queueCapacity = i.integer("queueCapacity", 64, 1);
    int intraOp = i.integer("intraOpThreads", 1, 1);
    int interOp = i.integer("interOpThreads", 1, 1);
    boolean spinning = i.bool("spinning", false);
    String optimization = i.oneOf("optimization", "all", OPTIMIZATIONS);

    PipelineBinder pipelineBinder = new PipelineBinder(baseDir, problems);
    List<AgentConfig.Pipeline> pipelines = pipelineBinder.bind(top.child("pipelines"));
    AgentConfig.Monitor monitor = MonitorBinder.bind(open(top, "monitor", problems), baseDir, problems);
    AgentConfig.Adaptive adaptive = AdaptiveBinder.bind(open(top, "adaptive", problems), baseDir,
        pipelineBinder.ladderIds(), problems);
    AgentConfig.Control control = ControlBinder.bind(open(top, "control", problems), baseDir, problems);
    AgentConfig.Spool spool = SpoolBinder.bind(open(top, "spool", problems), baseDir, problems);
    if (!problems.isEmpty()) return null;
    RunnerOptions runner = new RunnerOptions(intraOp, interOp, spinning,
        RunnerOptions.Optimization.valueOf(optimization.toUpperCase(Locale.ROOT)));
    return new AgentConfig(agentId,
        new AgentConfig.Broker(url, clientId, username, password, keepAlive, resultQos, tls, sessionExpiry),
        new AgentConfig.Http(host, port),
        new AgentConfig.Inference(workers, queueCapacity, runner),
        pipelines, monitor, adaptive, control, spool);
  }

  private static Section open(Section parent, String key, Problems problems) {
    return Section.open(parent.child(key), parent.path(key), (Shape.Obj) Schema.ROOT.fields().get(key), problems);
  }

  /** Why {@code url} cannot be a broker URL, or null. */
  static String brokerUrlProblem(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "is not a valid URL: '" + url + "'";
    }
    if (!BrokerUrls.supported(url)) {
      return "must start with tcp://, mqtt://, ssl:// or mqtts:// but was '" + url + "'";
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return "must name a host (tcp://host:port) but was '" + url + "'";
    }
    if (uri.getPath() != null && !uri.getPath().isEmpty()) {
      return "must not have a path but was '" + url + "'";
    }
    return null;
  }
}
