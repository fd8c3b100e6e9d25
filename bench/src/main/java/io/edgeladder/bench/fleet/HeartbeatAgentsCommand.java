package io.edgeladder.bench.fleet;

import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.fleet.AgentBirth;
import io.edgeladder.protocol.fleet.Hardware;
import io.edgeladder.protocol.fleet.Heartbeat;
import io.edgeladder.protocol.fleet.PipelineInfo;
import io.edgeladder.protocol.fleet.PipelineKpi;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleet heartbeat-agents} (child JVM of {@code fleet}): the broker and N simulated agents, kept out of the
 * controller's process so its CPU time is the controller's alone. Prints {@code HB-READY <url> <startedAtMs>},
 * waits for {@code go} on stdin, then each agent (its own Paho v5 client) publishes its birth and real
 * {@link Heartbeat} JSON at {@code --rate-hz} (QoS 0, as the protocol says) for {@code --seconds}; prints
 * {@code HB-SENT <n>} and keeps the broker up until stdin closes. {@code uptimeMs} is wall time since
 * {@code startedAtMs}, so the controller can compute each heartbeat's send time.
 */
@Command(name = "heartbeat-agents", hidden = true, description = "child JVM: broker + simulated heartbeat agents")
public final class HeartbeatAgentsCommand implements Callable<Integer> {
  @Option(names = "--agents", defaultValue = "50")
  int agents;

  @Option(names = "--rate-hz", defaultValue = "10")
  double rateHz;

  @Option(names = "--seconds", defaultValue = "20")
  double seconds;

  @Override
  public Integer call() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort())) {
      long startedAtMs = System.currentTimeMillis();
      List<Mqtt5> clients = new ArrayList<>();
      List<String> incarnations = new ArrayList<>();
      for (int i = 0; i < agents; i++) {
        clients.add(Mqtt5.connect(broker.url(), id(i), (t, p) -> { }));
        incarnations.add(UUID.randomUUID().toString());
      }
      System.out.println("HB-READY " + broker.url() + " " + startedAtMs);
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      if (!"go".equals(in.readLine())) return 2;
      for (int i = 0; i < agents; i++) {
        clients.get(i).publish(Topics.birth(id(i)), birth(i, incarnations.get(i), startedAtMs).toJson(), 1, true)
            .waitForCompletion(Mqtt5.TIMEOUT_MS);
      }
      long periodNs = (long) (1e9 / rateHz);
      long perAgent = (long) Math.floor(seconds * rateHz);
      AtomicLong sent = new AtomicLong();
      ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
      for (int i = 0; i < agents; i++) {
        int agent = i;
        AtomicLong seq = new AtomicLong();
        timer.scheduleAtFixedRate(() -> {
          long s = seq.getAndIncrement();
          if (s >= perAgent) return;
          try { // a periodic task that threw would never run again
            long now = System.currentTimeMillis();
            Heartbeat h = new Heartbeat(id(agent), incarnations.get(agent), s, Instant.ofEpochMilli(now),
                now - startedAtMs, 0, List.of(new PipelineKpi("vibration", "fp32", SHA, 100 * s, 100 * s, s / 10, 0,
                    0.01, 0.0, 1.5)));
            clients.get(agent).publish(Topics.heartbeat(id(agent)), h.toJson(), 0, false);
            sent.incrementAndGet();
          } catch (Throwable e) {
            System.out.println("HB-ERROR " + e);
          }
        }, periodNs * agent / agents, periodNs, TimeUnit.NANOSECONDS);
      }
      timer.awaitTermination((long) (seconds * 1000) + 500, TimeUnit.MILLISECONDS);
      timer.shutdownNow();
      System.out.println("HB-SENT " + sent.get());
      while (in.readLine() != null) {
        // keep the broker up until the parent is done
      }
      clients.forEach(Mqtt5::close);
      return 0;
    }
  }

  static String id(int i) {
    return "hb-agent-" + i;
  }

  private static final String SHA = "b119e1bea9bd57a9a1c15afcfd784fae18ba42751b2c7d1ccd96059daae85684";

  private static AgentBirth birth(int i, String incarnation, long startedAtMs) {
    return new AgentBirth(id(i), incarnation, Instant.ofEpochMilli(startedAtMs), "bench", "17", "1.29.0",
        new Hardware("sim", 2, "amd64", "Linux", 1L << 30, List.of("avx2")), Map.of("bench", "fleet"),
        List.of(new PipelineInfo("vibration", "vibration-cnn", "fp32", null)), List.of(SHA), null);
  }
}
