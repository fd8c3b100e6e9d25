package io.edgeladder.controller.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeladder.controller.api.ControllerFixture;
import io.edgeladder.controller.distribution.Ladders;
import io.edgeladder.controller.fleet.FleetFixtures;
import io.edgeladder.controller.mqtt.Await;
import io.edgeladder.controller.mqtt.TestClient;
import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.fleet.Heartbeat;
import io.edgeladder.protocol.fleet.PipelineKpi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console end to end in a real browser: a controller in this JVM (embedded broker, H2, the REST API
 * on a free port) with the vibration-cnn ladder pushed, three agent stand-ins publishing births, statuses,
 * heartbeats, telemetry (the agent's {@code TelemetryJson} format) and a swap event over MQTT, then
 * {@code console-test.mjs} driving Debian's Chromium headless through playwright-core (installed with
 * {@code npm ci} from the committed lock file). The script signs in (a wrong token first), checks the fleet
 * table, asks this test to publish new telemetry and waits for the table to change without a reload, opens
 * the per-agent view and the ladders, starts, pauses and aborts a rollout, opens an unknown rollout and, after
 * this test stops the controller, expects the error banner. Screenshots go to
 * {@code target/console-screenshots/}. Fails (does not skip) without node or chromium: {@code .ci/run}
 * installs them.
 */
class ConsoleBrowserIT {
  static final Path MODULE = Ladders.ROOT.resolve("controller");
  static final Path SCRIPT_DIR = MODULE.resolve("src/test/console");
  static final Path WORK = MODULE.resolve("target/console-test");
  static final Path SHOTS = MODULE.resolve("target/console-screenshots");
  static final String CHROMIUM = "/usr/bin/chromium";
  static final List<String> SCREENSHOTS = List.of("login", "error-wrong-token", "fleet", "fleet-live", "agent",
      "ladders", "rollout-started", "rollout-paused", "rollouts", "error-404", "error-controller-down");
  static final Instant T0 = Instant.parse("2026-11-24T00:00:05Z");
  static final ObjectMapper JSON = new ObjectMapper();
  /** The served variant's file hash a heartbeat carries; the console does not show it. */
  static final String QAT_SHA = "a".repeat(64);

  @TempDir
  Path dir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void console_inChromium_showsFleetLiveLaddersRolloutsAndErrors() throws Exception {
    String node = onPath("node", "Node.js 20+ runs the browser script (apt-get install -y nodejs npm)");
    onPath("npm", "npm installs playwright-core from src/test/console/package-lock.json");
    assertThat(Path.of(CHROMIUM)).as("Debian's chromium drives the console test (apt-get install -y chromium)")
        .isExecutable();
    npmCi();
    Files.createDirectories(SHOTS);
    try (ControllerFixture fx = ControllerFixture.start(dir.resolve("controller"))) {
      var push = fx.send("POST", "/api/v1/releases", "{\"path\": \"" + Ladders.LADDER + "\"}");
      assertThat(push.status()).as(push.body()).isIn(200, 201);
      JsonNode variants = fx.get("/api/v1/models/" + FleetFixtures.MODEL + "/releases").json().get(0).get("variants");
      TestClient gw1 = fx.agent("gw-1", Map.of("site", "plant-1", "role", "pump"));
      TestClient gw2 = fx.agent("gw-2", Map.of("site", "plant-2"));
      TestClient gw3 = fx.agent("gw-3", Map.of("site", "plant-2"));
      gw3.publish(Topics.status("gw-3"), "offline", true);
      heartbeat(gw1, "gw-1", 0, T0, "fp32", 100, 0.02, 12.5);
      heartbeat(gw1, "gw-1", 1, T0.plusSeconds(5), "fp32", 600, 0.02, 12.5);
      heartbeat(gw2, "gw-2", 0, T0, "qat", 50, 0.0, 3.0);
      telemetry(gw1, "gw-1", T0.plusSeconds(5), 37.5, 81.0, 4.2, 120.0);
      telemetry(gw2, "gw-2", T0.plusSeconds(5), 12.0, null, null, null);
      gw1.publish(Topics.events("gw-1"), new AgentEvent("gw-1", "swap.completed", T0.plusSeconds(4).toEpochMilli(),
          FleetFixtures.PIPELINE, "fp32 -> qat after warm-up", Map.of("from", "fp32", "to", "qat")).toJson(), false);
      LiveBoard board = fx.controller.live();
      Await.until(() -> board.history("gw-1").map(h -> h.events().size() == 1 && h.power().size() == 1
          && h.rates().size() == 2).orElse(false) && board.history("gw-2").map(h -> h.power().size() == 1)
          .orElse(false) && Boolean.FALSE.equals(board.history("gw-3").map(h -> h.now().online()).orElse(null)),
          ControllerFixture.WAIT, "births, heartbeats, telemetry, event and offline status on the live board");

      List<String> out = runScript(node, fx, expectations(variants), () -> {
        telemetry(gw1, "gw-1", T0.plusSeconds(10), 52.0, 64.5, 6.1, 150.5);
        heartbeat(gw1, "gw-1", 2, T0.plusSeconds(10), "qat", 1_100, 0.01, 8.25);
      }, fx.controller::close);
      assertThat(out).as("browser script output").anyMatch(l -> l.startsWith("PASS no request URL carries the token"))
          .anyMatch(l -> l.startsWith("PASS gw-1 battery updated live"));
    }
    for (String name : SCREENSHOTS) {
      Path png = SHOTS.resolve(name + ".png");
      assertThat(png).as("screenshot " + name).isRegularFile();
      assertThat(Files.size(png)).as(png + " size").isGreaterThan(5_000);
      System.out.println("console screenshot: " + png);
    }
  }

  /** The executable's path; fails naming what it is for when it is not on the PATH. */
  private static String onPath(String name, String why) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path p = Path.of(d, name);
      if (Files.isExecutable(p)) return p.toString();
    }
    throw new AssertionError(name + " is not on the PATH: " + why);
  }

  /** What the script expects on screen; figures as the console formats them. */
  private static String expectations(JsonNode variants) throws IOException {
    Map<String, Object> gw1 = Map.of("id", "gw-1", "status", "online", "labels", List.of("site=plant-1", "role=pump"),
        "variant", "pump-1: fp32", "cpu", "37.5 %", "battery", "81.0 %", "miss", "2.00 %");
    Map<String, Object> gw2 = Map.of("id", "gw-2", "status", "online", "labels", List.of("site=plant-2"),
        "variant", "pump-1: qat", "cpu", "12.0 %", "battery", "—", "miss", "0.00 %");
    Map<String, Object> gw3 = Map.of("id", "gw-3", "status", "offline", "labels", List.of("site=plant-2"),
        "variant", "pump-1: fp32", "cpu", "—", "battery", "—", "miss", "—");
    Map<String, Object> live = Map.of("agent", "gw-1", "battery", "64.5 %", "variant", "pump-1: qat",
        "rate", "100.0 /s", "p99", "8.25 ms", "energy", "150.5 J");
    return JSON.writeValueAsString(Map.of("agents", List.of(gw1, gw2, gw3), "live", live,
        "model", FleetFixtures.MODEL, "rungs", variants.size(),
        "precision", variants.get(variants.size() - 1).get("precision").asText(), "selector", "site=plant-1"));
  }

  private static void heartbeat(TestClient c, String agent, long seq, Instant at, String variant, long results,
      double missRate, double p99Ms) throws Exception {
    String sha = variant.equals("fp32") ? FleetFixtures.FP32_SHA : QAT_SHA;
    Heartbeat h = new Heartbeat(agent, "inc-" + agent, seq, at, 5_000 * (seq + 1), 0, List.of(new PipelineKpi(
        FleetFixtures.PIPELINE, variant, sha, results, results, Math.round(results * missRate), 0, missRate, 0, p99Ms)));
    c.publish(Topics.heartbeat(agent), h.toJson(), false);
  }

  /** The agent's telemetry message ({@code TelemetryJson}): absent figures as JSON null, as the agent writes them. */
  private static void telemetry(TestClient c, String agent, Instant at, double cpu, Double battery, Double watts,
      Double joules) throws Exception {
    Map<String, Object> power = new LinkedHashMap<>();
    power.put("source", "simulated");
    power.put("batteryPercent", battery);
    power.put("status", "DISCHARGING");
    power.put("watts", watts);
    power.put("energyJoules", joules);
    power.put("harvestWatts", null);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("agent", agent);
    m.put("time", at.toEpochMilli());
    m.put("cpu", Map.of("systemPercent", cpu, "processPercent", cpu / 2, "perCorePercent", List.of(cpu, cpu),
        "load1", 0.5, "intervalMs", 5_000));
    m.put("power", power);
    m.put("probeProblems", 0);
    m.put("sampleFailures", 0);
    c.publish(Topics.telemetry(agent), JSON.writeValueAsBytes(m), false);
  }

  /** Installs playwright-core from the committed lock file into target/console-test (browser download off). */
  private static void npmCi() throws Exception {
    Files.createDirectories(WORK);
    for (String f : List.of("package.json", "package-lock.json", "console-test.mjs")) {
      Files.copy(SCRIPT_DIR.resolve(f), WORK.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
    ProcessBuilder pb = new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund",
        "--prefer-offline").directory(WORK.toFile()).redirectErrorStream(true)
        .redirectOutput(WORK.resolve("npm-ci.log").toFile());
    pb.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    Process p = pb.start();
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("npm ci finished within 3 min").isTrue();
    assertThat(p.exitValue()).as("npm ci in " + WORK + ": " + Files.readString(WORK.resolve("npm-ci.log")))
        .isZero();
  }

  /** A step the script asks for ({@code STEP name}); answered with {@code OK name} once done. */
  private interface Step {
    void run() throws Exception;
  }

  private static List<String> runScript(String node, ControllerFixture fx, String expect, Step telemetry,
      Step stopController) throws Exception {
    Path profile = Files.createTempDirectory(WORK, "chromium-profile-");
    ProcessBuilder pb = new ProcessBuilder(node, "console-test.mjs").directory(WORK.toFile())
        .redirectError(WORK.resolve("console-test.err").toFile());
    Map<String, String> env = pb.environment();
    env.put("CONSOLE_URL", fx.url);
    env.put("CONSOLE_TOKEN", fx.token);
    env.put("EXPECT", expect);
    env.put("SCREENSHOT_DIR", SHOTS.toString());
    env.put("USER_DATA_DIR", profile.toString());
    env.put("CHROMIUM", CHROMIUM);
    Process p = pb.start();
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        System.out.println("console-test: " + line);
        out.add(line);
        if (line.startsWith("STEP ")) {
          String step = line.substring(5);
          switch (step) {
            case "telemetry" -> telemetry.run();
            case "stop-controller" -> stopController.run();
            default -> throw new AssertionError("console-test.mjs asked for an unknown step " + step);
          }
          w.write("OK " + step + "\n");
          w.flush();
        }
      }
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("console-test.mjs exited").isTrue();
    String err = Files.readString(WORK.resolve("console-test.err"));
    assertThat(p.exitValue()).as("console-test.mjs failed:\n" + String.join("\n", out) + "\nstderr:\n" + err)
        .isZero();
    assertThat(out).noneMatch(l -> l.startsWith("PAGEERROR"));
    return out;
  }
}
