package io.edgeladder.bench.fleet;

import io.edgeladder.bench.MachineFacts;
import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.broker.MosquittoProcess;
import io.edgeladder.controller.app.Controller;
import io.edgeladder.controller.app.ControllerConfig;
import io.edgeladder.controller.mqtt.MqttSettings;
import io.edgeladder.controller.store.DatabaseConfig;
import io.edgeladder.controller.store.fleet.FleetSettings;
import io.edgeladder.protocol.dist.Chunker;
import io.edgeladder.protocol.dist.KeyFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleet}: (1) time for a ~5 MB signed, chunked ladder to reach N simulated agents through a real controller
 * on the embedded broker, beside a raw MQTT publish of the same chunks to N plain subscribers in the same run;
 * (2) the controller's CPU per 1 000 heartbeats and ingest lag, agents and broker in a child JVM. Prints a table,
 * writes {@code bench/results/fleet-latest.json}.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true, subcommands = HeartbeatAgentsCommand.class,
    description = "Ladder fan-out to 3 and 50 agents vs raw MQTT, controller CPU per 1 000 heartbeats.")
public final class FleetCommand implements Callable<Integer> {
  @Option(names = "--quick", description = "agents 3,10, one repetition, 4 s of heartbeats")
  boolean quick;

  @Option(names = "--agents", split = ",", description = "fan-out sizes (default 3,50; quick 3,10)")
  List<Integer> agents;

  @Option(names = "--repetitions", description = "per fan-out size (default 3; quick 1)")
  Integer repetitions;

  @Option(names = "--demo-ladder", defaultValue = "configs/ladder")
  Path demoLadder;

  @Option(names = "--hidden", defaultValue = "" + WideLadder.DEFAULT_HIDDEN, description = "wide rung width")
  int hidden;

  @Option(names = "--window", defaultValue = "8", description = "chunks in flight, both ways (HiveMQ allows 10)")
  int window;

  @Option(names = "--heartbeat-agents", defaultValue = "50")
  int hbAgents;

  @Option(names = "--heartbeat-rate-hz", defaultValue = "10", description = "per agent")
  double hbRate;

  @Option(names = "--heartbeat-seconds", description = "default 20; quick 4")
  Double hbSeconds;

  @Option(names = "--broker", defaultValue = "embedded",
      description = "distribution broker: embedded (HiveMQ CE in this JVM) or mosquitto (installed binary, own process);"
          + " heartbeats always use an embedded broker in the child JVM")
  String broker;

  @Option(names = "--results", defaultValue = "bench/results")
  Path results;

  @Override
  public Integer call() throws Exception {
    List<Integer> sizes = agents != null ? agents : quick ? List.of(3, 10) : List.of(3, 50);
    int reps = repetitions != null ? repetitions : quick ? 1 : 3;
    double seconds = hbSeconds != null ? hbSeconds : quick ? 4 : 20;
    MachineFacts machine = MachineFacts.probe();
    Path work = Files.createTempDirectory("edgeladder-fleet-bench-");
    List<DistributionCase> cases = new ArrayList<>();
    long ladderBytes;
    try {
      Path ladder = WideLadder.write(demoLadder, work.resolve("ladder"), hidden);
      System.out.printf("ladder: %s (fp32 + qat of configs/ladder + generated wide-fp32 rung)%n", ladder);
      String[] url = new String[1];
      try (AutoCloseable b = startBroker(url);
          Controller controller = Controller.start(config(url[0], work.resolve("controller"), Chunker.DEFAULT_CHUNK_SIZE, window),
              new SimpleMeterRegistry(), Clock.systemUTC(), Duration.ofSeconds(15))) {
        DistributionBench bench = new DistributionBench(url[0], controller,
            work.resolve("controller/keys/public.pem"), ladder, work, Chunker.DEFAULT_CHUNK_SIZE, window);
        ladderBytes = bench.ladderBytes();
        bench.run(sizes.get(0), -1); // warm-up (JIT, broker), not reported
        for (int n : sizes) {
          for (int r = 0; r < reps; r++) {
            DistributionCase c = bench.run(n, r);
            cases.add(c);
            System.out.println(FleetReport.caseLine(c));
          }
        }
      }
      System.out.printf("heartbeats: %d agents x %.1f Hz x %.0f s ...%n", hbAgents, hbRate, seconds);
      HeartbeatResult hb = HeartbeatBench.run(work.resolve("hb-db"), hbAgents, hbRate, seconds);
      String loadEnd = MachineFacts.loadAverage();
      FleetReport report = new FleetReport(machine, loadEnd, broker, ladderBytes, hidden, window, quick, cases, hb);
      System.out.println();
      System.out.print(report.table());
      Path file = FleetJson.write(results, report);
      System.out.println("\nwrote " + file);
      return 0;
    } finally {
      DistributionBench.delete(work);
    }
  }

  /** Starts the distribution broker; its URL goes to {@code url[0]}. */
  private AutoCloseable startBroker(String[] url) {
    if ("mosquitto".equals(broker)) {
      MosquittoProcess m = MosquittoProcess.start();
      url[0] = m.url();
      return m;
    }
    if (!"embedded".equals(broker)) {
      throw new IllegalArgumentException("--broker must be embedded or mosquitto but was " + broker);
    }
    EmbeddedBroker e = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort());
    url[0] = e.url();
    return e;
  }

  /** A controller with a fresh key pair in {@code dataDir/keys}, H2 in {@code dataDir}, no REST listener. */
  static ControllerConfig config(String url, Path dataDir, int chunkSize, int window) throws Exception {
    Path keys = Files.createDirectories(dataDir.resolve("keys"));
    KeyFiles.write(KeyFiles.generate(), keys.resolve("private.pem"), keys.resolve("public.pem"));
    return new ControllerConfig(MqttSettings.of(url, "bench-controller"), dataDir, DatabaseConfig.embedded(dataDir),
        keys.resolve("private.pem"), keys.resolve("public.pem"), false, new ControllerConfig.Http("127.0.0.1", -1),
        new ControllerConfig.Fleet(FleetSettings.ofDefaults(), Duration.ofMinutes(5), 2, 10_000),
        new ControllerConfig.Distribution(chunkSize, window, Duration.ofSeconds(30)));
  }
}
