package io.edgeladder.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.simulator.ConditionSchedule;
import io.edgeladder.simulator.PayloadFormat;
import io.edgeladder.simulator.SensorSimulator;
import io.edgeladder.simulator.SimulatorConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of every committed dashboard panel and recording rule, evaluated by a real Prometheus that
 * scraped a real agent and controller through the committed prometheus.yml (only targets, the token file and
 * the intervals rewritten). The agent (its jar, a child JVM) serves two pipelines fed by the simulator through
 * the embedded broker: pump-1 with the committed fp32/QAT ladder and a simulated battery that drains below the
 * energy floor and then charges (so the policy swaps), fan-2 in SenML without a ladder; it speaks the fleet
 * protocol to the controller (its jar, embedded H2), which Prometheus scrapes every 5 s with the bearer token
 * the controller generated. Queries that legitimately stay empty here are listed in {@link #NO_DATA}, those
 * that may hold only NaN in {@link #NAN_ALLOWED}.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class DashboardQueriesIT {
  private static final String AGENT = "monitoring-it";
  /** Scrape interval and timeout: short, yet long enough for a scrape on a loaded 2-core machine. */
  private static final String SCRAPE = "5s";
  /** {@code $__rate_interval}: Grafana's is at least 4 scrape intervals; 6 here. */
  private static final String RATE_WINDOW = "30s";
  /** Queries without data in this scenario (dashboard, panel title, refId) and why. */
  private static final Map<String, String> NO_DATA = Map.of(
      "edgeladder-fleet.json 'API rejections and errors' B",
      "api_errors_total counts 5xx answers: the controller answers none in a healthy run");
  /** Queries that may return only NaN samples (the gauge exists, the machine has nothing to read) and why. */
  private static final Map<String, String> NAN_ALLOWED = Map.of(
      "edgeladder-agent.json 'Temperature, hottest zone' A",
      "no /sys/class/thermal zone in a container: the gauge reads NaN");
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");

  @TempDir Path dir;

  @Test
  void everyPanelAndRecordingRule_realAgentAndController_returnData() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort())) {
      Path controllerData = dir.resolve("controller");
      int apiPort = Processes.freePort();
      Path controllerConfig = Files.writeString(dir.resolve("controller.yaml"), """
          controller: {id: monitoring-it-controller}
          broker: {url: %s}
          dataDir: %s
          http: {host: 127.0.0.1, port: %d, generateToken: true}
          """.formatted(broker.url(), controllerData, apiPort));
      Path controllerLog = dir.resolve("controller.log");
      Process controller = Processes.java(Processes.REPO.resolve("controller/target/edgeladder-controller.jar"),
          controllerLog, "serve", "--config", controllerConfig.toString());
      try {
        Processes.awaitHttp(controller, URI.create("http://127.0.0.1:" + apiPort + "/api/v1/ready"), null,
            Duration.ofSeconds(120), controllerLog);
        Path token = controllerData.resolve("api-token");
        rejectOneRequest(apiPort, Files.readString(token).strip()); // api_rejected_total{route} gets a series
        runAgent(broker.url(), apiPort, token, controllerData.resolve("keys/controller.pub"));
      } finally {
        Processes.stop(controller);
      }
    }
  }

  private void runAgent(String brokerUrl, int apiPort, Path token, Path publicKey) throws Exception {
    int agentPort = Processes.freePort();
    Files.writeString(dir.resolve("harvest.csv"), "t_seconds,harvest_watts\n0,0\n8,0\n9,8\n600,8\n");
    Path config = Files.writeString(dir.resolve("agent.yaml"), """
        agent: {id: %s}
        broker: {url: %s}
        http: {host: 127.0.0.1, port: %d}
        pipelines:
          - {name: pump-1, topic: sensors/pump-1/vibration, format: raw-f32le, channels: [x, y, z],
             sampleRateHz: 10000, model: %s, deadlineMs: 50, ladder: %s}
          - {name: fan-2, topic: sensors/fan-2/vibration, format: senml, channels: [x, y, z], unit: m/s2,
             sampleRateHz: 10000, model: %s, deadlineMs: 50}
        monitor:
          periodMs: 250
          telemetryPeriodMs: 1000
          power: {source: simulated, batteryWh: 0.01, initialSoc: 0.6, idleWatts: 2, wattsPerCore: 1.5,
                  harvestTrace: harvest.csv}
        adaptive: {periodMs: 500, holdDownMs: 2000, probationMs: 0, stateDir: state, energyBudgetWatts: 0.005,
                   energyFloor: 0.5}
        control: {heartbeatMs: 1000, publicKey: %s, labels: [site=monitoring-it]}
        spool: {dir: spool}
        """.formatted(AGENT, brokerUrl, agentPort, model(), Processes.REPO.resolve("configs/ladder/ladder.json"),
        model(), publicKey));
    Path agentLog = dir.resolve("agent.log");
    Process agent = Processes.java(Processes.REPO.resolve("agent/target/edgeladder-agent.jar"), agentLog,
        "--config", config.toString());
    try (SensorSimulator pump = simulator(brokerUrl, "pump-1", PayloadFormat.RAW);
        SensorSimulator fan = simulator(brokerUrl, "fan-2", PayloadFormat.SENML)) {
      // Start-up profiles every rung of the ladder: minutes on a loaded 2-core machine.
      Processes.awaitHttp(agent, URI.create("http://127.0.0.1:" + agentPort + "/ready"), null,
          Duration.ofSeconds(240), agentLog);
      Path promDir = Files.createDirectories(dir.resolve("prometheus"));
      Path promConfig = PrometheusProcess.committedConfig(promDir, SCRAPE, Map.of(
          "edgeladder-agent", "127.0.0.1:" + agentPort, "edgeladder-controller", "127.0.0.1:" + apiPort), token);
      try (PrometheusProcess prometheus = PrometheusProcess.start(promConfig, promDir, Processes.freePort())) {
        prometheus.awaitReady(Duration.ofSeconds(60));
        awaitScenario(prometheus, agentLog);
        assertQueries(prometheus);
      }
    } finally {
      Processes.stop(agent);
    }
  }

  /** Both targets up (the controller through the bearer token) and at least one completed swap. */
  private static void awaitScenario(PrometheusProcess prometheus, Path agentLog) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    String swaps = "sum(edge_swaps_total{agent=\"" + AGENT + "\",outcome=\"completed\"})";
    while (System.nanoTime() - deadline < 0) {
      if (value(prometheus.query("sum(up{job=\"edgeladder-agent\"})")) == 1
          && value(prometheus.query("sum(up{job=\"edgeladder-controller\"})")) == 1
          && value(prometheus.query(swaps)) >= 1
          && value(prometheus.query("sum(edgeladder_fleet_messages_total)")) >= 1) {
        return;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("within 180 s: agent/controller not both up, no completed swap or no fleet message;"
        + " targets " + prometheus.targets() + "; agent log " + agentLog + ":\n" + Processes.tail(agentLog));
  }

  private static void assertQueries(PrometheusProcess prometheus) throws Exception {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("agent", AGENT);
    List<Dashboards.Query> queries = new ArrayList<>();
    for (Path f : Dashboards.files()) {
      JsonNode d = Dashboards.read(f);
      for (JsonNode v : d.path("templating").path("list")) {
        values.put(v.path("name").asText(), variableValue(prometheus, v, values));
      }
      queries.addAll(Dashboards.queries(f.getFileName().toString(), d));
    }
    assertThat(values).containsEntry("agent", AGENT).containsEntry("pipeline", "(fan-2|pump-1)");
    JsonNode rules = Dashboards.YAML.readTree(Dashboards.RULES_YML.toFile());
    for (JsonNode g : rules.path("groups")) {
      for (JsonNode r : g.path("rules")) {
        String name = r.has("record") ? r.path("record").asText() : r.path("alert").asText();
        queries.add(new Dashboards.Query("rules.yml", 0, name, r.has("record") ? "record" : "alert",
            r.path("expr").asText()));
      }
    }
    // Rate windows need two scrapes: poll until every query that should have data has it (or time runs out).
    Map<String, String> missing = new LinkedHashMap<>();
    Map<String, String> nanOnly = new LinkedHashMap<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    do {
      missing.clear();
      nanOnly.clear();
      for (Dashboards.Query q : queries) {
        String expr = substitute(q.expr(), values);
        JsonNode data = prometheus.query(expr); // throws on a parse error: every query must parse
        boolean alert = q.refId().equals("alert"); // an alert's expr is empty while it does not fire
        if (!alert && data.path("result").isEmpty() && !NO_DATA.containsKey(key(q))) missing.put(q.toString(), expr);
        if (!alert && !data.path("result").isEmpty() && allNaN(data) && !NAN_ALLOWED.containsKey(key(q))) {
          nanOnly.put(q.toString(), expr);
        }
      }
      if (!missing.isEmpty() || !nanOnly.isEmpty()) Thread.sleep(1000);
    } while ((!missing.isEmpty() || !nanOnly.isEmpty()) && System.nanoTime() - deadline < 0);
    assertThat(missing).as("queries without data").isEmpty();
    assertThat(nanOnly).as("queries with only NaN samples").isEmpty();
    System.out.println(queries.size() + " queries evaluated, all with data");

    // Inside the buckets' range (0.1 ms .. 2 s): the histogram is exported and aggregates; no timing claim.
    assertThat(value(prometheus.query("histogram_quantile(0.99, sum by (le) (rate(edge_inference_latency_seconds_bucket"
        + "{agent=\"" + AGENT + "\",stage=\"run\"}[1m])))"))).isStrictlyBetween(0.0, 2.0);
    assertThat(prometheus.query("max by (pipeline, variant) (edge_variant_active{agent=\"" + AGENT + "\"}) == 1")
        .path("result")).hasSize(1);
    assertThat(value(prometheus.query("edge_resource_battery_level_percent{agent=\"" + AGENT + "\"}")))
        .isBetween(0.0, 100.0);
  }

  /** The value Grafana would give the variable: the first value of a single one, all values of a multi one. */
  private static String variableValue(PrometheusProcess prometheus, JsonNode v, Map<String, String> known)
      throws Exception {
    Matcher m = LABEL_VALUES.matcher(v.path("definition").asText());
    assertThat(m.matches()).as("variable %s: %s", v.path("name"), v.path("definition")).isTrue();
    TreeSet<String> found = new TreeSet<>();
    prometheus.labelValues(m.group(2), substitute(m.group(1), known)).forEach(n -> found.add(n.asText()));
    assertThat(found).as("values of $%s", v.path("name").asText()).isNotEmpty();
    if (v.path("name").asText().equals("agent")) assertThat(found).contains(AGENT);
    return v.path("multi").asBoolean() && found.size() > 1 ? "(" + String.join("|", found) + ")" : found.first();
  }

  private static String substitute(String expr, Map<String, String> values) {
    String out = expr.replace("$__rate_interval", RATE_WINDOW);
    for (Map.Entry<String, String> e : values.entrySet()) out = out.replace("$" + e.getKey(), e.getValue());
    assertThat(out).as("unsubstituted variable in %s", expr).doesNotContain("$");
    return out;
  }

  private static String key(Dashboards.Query q) {
    return q.dashboard() + " '" + q.panelTitle() + "' " + q.refId();
  }

  /** The one sample's value of an instant vector query, NaN when it has none. */
  private static double value(JsonNode data) {
    JsonNode r = data.path("result");
    return r.size() == 1 ? Double.parseDouble(r.path(0).path("value").path(1).asText()) : Double.NaN;
  }

  private static boolean allNaN(JsonNode data) {
    for (JsonNode r : data.path("result")) {
      if (!r.path("value").path(1).asText().equals("NaN")) return false;
    }
    return true;
  }

  private static Path model() {
    return Processes.REPO.resolve("models/vibration-cnn/model-card.json");
  }

  private static SensorSimulator simulator(String url, String machine, PayloadFormat format) throws IOException {
    return SensorSimulator.start(SimulatorConfig.builder().brokerUri(url).clientId("monitoring-it-" + machine)
        .machines(List.of(machine)).format(format).schedule(ConditionSchedule.cycle(Duration.ofSeconds(4)))
        .seed(machine.hashCode()).build());
  }

  /** GET /api/v1/agents/no-such-agent: a 404 the API counts in api_rejected_total. */
  private static void rejectOneRequest(int apiPort, String token) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + apiPort + "/api/v1/agents/no-such-agent"))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
  }
}
