package io.edgeladder.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.protocol.AgentEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short scripted run of the whole demo: the committed demo ladder (fp32 and QAT, accuracies from a
 * real evaluation), a simulated battery small enough to drain within seconds, a harvest trace that
 * starts charging it at 9 s, and the CPU hog process from 2 s to 6 s. From the events the agent
 * published: the policy stepped down to QAT while the battery discharged and back up to fp32 once it
 * charged, and both swaps completed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DemoIT {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void run_batteryDrainsThenRecharges_stepsDownThenUpWithSwapsAndHogSteps() throws Exception {
    Files.writeString(dir.resolve("harvest.csv"), "t_seconds,harvest_watts\n0,0\n8,0\n9,8\n30,8\n");
    Path config = dir.resolve("demo.yaml");
    Files.writeString(config, """
        agent: {id: demo-it}
        broker: {url: tcp://127.0.0.1:1}
        http: {host: 127.0.0.1, port: 0}
        pipelines:
          - {name: pump-1, topic: sensors/pump-1/vibration, format: raw-f32le, channels: [x, y, z],
             sampleRateHz: 10000, model: %s, deadlineMs: 50, ladder: %s}
        monitor:
          periodMs: 250
          power: {source: simulated, batteryWh: 0.01, initialSoc: 0.6, idleWatts: 2, wattsPerCore: 1.5,
                  harvestTrace: harvest.csv}
        adaptive:
          periodMs: 500
          holdDownMs: 2000
          probationMs: 0
          stateDir: state
          energyBudgetWatts: 0.005
          energyFloor: 0.5
        """.formatted(REPO.resolve("models/vibration-cnn/model-card.json"),
        REPO.resolve("configs/ladder/ladder.json")));
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    DemoRun.Outcome o;
    try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort());
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
      o = DemoRun.run(new DemoRun.Options(broker.url(), 0, config, Duration.ofSeconds(4), Duration.ofSeconds(22),
          true, 1.0, 2, 6, 1, out));
    }
    String printed = text.toString(StandardCharsets.UTF_8);

    assertThat(o.exitCode()).as(printed).isZero();
    List<AgentEvent> switches = o.events().stream().filter(e -> e.type().equals("policy.decision")).toList();
    int down = indexOf(switches, "fp32", "qat", false);
    assertThat(down).as("a step down to qat while discharging; timeline:%n%s", printed).isNotNegative();
    int up = indexOf(switches.subList(down, switches.size()), "qat", "fp32", true);
    assertThat(up).as("a step up to fp32 after charging began; timeline:%n%s", printed).isPositive();
    assertThat(switches.get(down + up).details().get("reason").toString()).startsWith("step up");
    assertThat(o.events()).filteredOn(e -> e.type().equals("swap.completed")).extracting(AgentEvent::message)
        .anyMatch(m -> m.endsWith("-> qat done")).anyMatch(m -> m.endsWith("-> fp32 done"));
    assertThat(o.events()).noneMatch(e -> e.type().equals("swap.failed"));
    assertThat(o.hogsStarted()).isEqualTo(1);
    assertThat(printed).contains("CPU hog starts").contains("CPU hog stops").contains("harvest starts")
        .contains("fp32 → qat").contains("qat → fp32").contains("live accuracy");
  }

  /** Index of the first SWITCH from → to whose inputs say the battery was (not) charging, or -1. */
  @SuppressWarnings("unchecked")
  private static int indexOf(List<AgentEvent> decisions, String from, String to, boolean charging) {
    for (int i = 0; i < decisions.size(); i++) {
      Map<String, Object> d = decisions.get(i).details();
      Map<String, Object> in = (Map<String, Object>) d.get("inputs");
      if ("SWITCH".equals(d.get("action")) && from.equals(d.get("current")) && to.equals(d.get("target"))
          && Boolean.valueOf(charging).equals(in.get("charging"))) {
        return i;
      }
    }
    return -1;
  }
}
