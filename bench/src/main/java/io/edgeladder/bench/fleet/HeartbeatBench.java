package io.edgeladder.bench.fleet;

import io.edgeladder.controller.fleet.FleetIngest;
import io.edgeladder.controller.mqtt.ControllerMqtt;
import io.edgeladder.controller.mqtt.MqttSettings;
import io.edgeladder.controller.store.DatabaseConfig;
import io.edgeladder.controller.store.Store;
import io.edgeladder.controller.store.fleet.FleetSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link HeartbeatAgentsCommand} in a child JVM (same java and classpath) and the real {@link FleetIngest}
 * (2 lanes, as {@code controller.yaml}'s default) with the H2 file store here; this JVM's CPU time over the run is
 * the controller's. Single-threaded use.
 */
final class HeartbeatBench {
  private HeartbeatBench() {}

  static HeartbeatResult run(Path dataDir, int agents, double rateHz, double seconds) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), io.edgeladder.bench.BenchMain.class.getName(),
        "fleet", "heartbeat-agents", "--agents", "" + agents, "--rate-hz", "" + rateHz, "--seconds", "" + seconds));
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String[] ready = awaitLine(out, "HB-READY ").split(" ");
      String url = ready[1];
      long startedAtMs = Long.parseLong(ready[2]);
      CompletableFuture<String> sentLine = drain(out, "HB-SENT ");
      int expected = (int) (agents * Math.floor(seconds * rateHz));
      try (Store store = Store.open(DatabaseConfig.embedded(dataDir), FleetSettings.ofDefaults(), Clock.systemUTC());
          ControllerMqtt mqtt = ControllerMqtt.create(MqttSettings.of(url, "bench-controller"),
              new SimpleMeterRegistry())) {
        TimedRegistry registry = new TimedRegistry(store.agents(), startedAtMs, expected + agents);
        mqtt.connect().get(15, TimeUnit.SECONDS);
        try (FleetIngest ingest = new FleetIngest(mqtt, registry, store.desiredStates(), new SimpleMeterRegistry(),
            Clock.systemUTC(), 2, 10_000)) {
          ingest.start().get(15, TimeUnit.SECONDS);
          Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
          ThreadCpu threads = new ThreadCpu().start();
          long cpu0 = processCpuNs();
          long t0 = System.nanoTime();
          in.write("go\n");
          in.flush();
          long deadline = t0 + (long) ((seconds + 30) * 1e9);
          long lastChange = System.nanoTime();
          int seen = 0;
          long steadyCpu0 = -1;
          int steadyFrom = 0;
          // poll until every heartbeat is recorded, or nothing new arrived for 5 s after the send window
          while (registry.recorded() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
            int r = registry.recorded();
            if (steadyCpu0 < 0 && r >= expected / 4) { // births done, JIT warm: the steady-state window starts
              steadyCpu0 = processCpuNs();
              steadyFrom = r;
            }
            if (r != seen) {
              seen = r;
              lastChange = System.nanoTime();
            } else if (System.nanoTime() - t0 > seconds * 1e9 && System.nanoTime() - lastChange > 5e9) {
              break;
            }
          }
          long wall = System.nanoTime() - t0;
          long cpuEnd = processCpuNs();
          long cpu = cpuEnd - cpu0;
          String sent = sentLine.get(30, TimeUnit.SECONDS).split(" ")[1];
          in.close();
          int rec = registry.recorded();
          return new HeartbeatResult(agents, rateHz, seconds, Long.parseLong(sent), rec, registry.other(), wall / 1e6,
              cpu / 1e6, cpu / 1e6 / rec * 1000, steadyCpu0 < 0 ? Double.NaN
              : (cpuEnd - steadyCpu0) / 1e6 / (rec - steadyFrom) * 1000, (double) cpu / wall,
              Pcts.ofMillis(registry.lags()), threads.groupsMs(8));
        }
      }
    } finally {
      child.destroy();
      if (!child.waitFor(10, TimeUnit.SECONDS)) child.destroyForcibly();
    }
  }

  private static long processCpuNs() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Reads the child's output on a daemon thread (a full pipe would block it); completes with the wanted line. */
  private static CompletableFuture<String> drain(BufferedReader out, String prefix) {
    CompletableFuture<String> line = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        line.complete(awaitLine(out, prefix));
        while (out.readLine() != null) {
          // discarded
        }
      } catch (IOException e) {
        line.completeExceptionally(e);
      }
    }, "fleet-hb-child-out");
    t.setDaemon(true);
    t.start();
    return line;
  }

  private static String awaitLine(BufferedReader out, String prefix) throws IOException {
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith(prefix)) return line;
      seen.append(line).append('\n');
    }
    throw new IOException("heartbeat child JVM ended without '" + prefix + "'; output:\n" + seen);
  }
}
