package io.edgeladder.agent.control;

import static io.edgeladder.agent.control.FleetHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.agent.swap.LastGoodVariants;
import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.InferenceResult;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.dist.Artifact;
import io.edgeladder.protocol.dist.Sha256;
import io.edgeladder.protocol.fleet.Bounds;
import io.edgeladder.protocol.fleet.ReportedState;
import io.edgeladder.simulator.ConditionSchedule;
import io.edgeladder.simulator.PayloadFormat;
import io.edgeladder.simulator.SensorSimulator;
import io.edgeladder.simulator.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, item 2: the agent killed with SIGKILL (a child JVM, {@link AgentProcess}) mid-swap and mid-download,
 * then started again on the same state folder. Mid-swap it must come back on its last known good variant (the
 * one the last committed swap left serving), never on the half-loaded one nor on the configured model; mid
 * download it must resume from the chunks on disk (they are deleted from the broker before the restart, so a
 * re-fetch could not complete) and install the release.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AgentKillIT {
  private static final String AGENT = "kill-gw";
  private static final Duration WAIT = Duration.ofSeconds(40);
  /** About 40-60 ms of CPU per run here: the swap's 20 warm-up runs keep it in WARMING for a second or more. */
  private static final int SLOW_MATMULS = 800;

  @TempDir Path dir;
  private EmbeddedBroker broker;
  private FleetHarness fleet;
  private TestRelease release;

  @BeforeEach
  void setUp() throws Exception {
    broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort());
    fleet = FleetHarness.connect(broker.url(), AGENT);
  }

  @AfterEach
  void tearDown() throws Exception {
    fleet.close();
    broker.close();
  }

  private Path config(Path ladder, String control) throws Exception {
    String yaml = """
        agent: {id: %s}
        broker: {url: %s, resultQos: 1}
        http: {port: -1}
        inference: {workers: 1}
        pipelines:
          - {name: pump-1, topic: sensors/pump-1/vibration, channels: [x, y, z], sampleRateHz: 10000,
             model: '%s', %s deadlineMs: 1000}
        monitor: {enabled: false}
        adaptive: {periodMs: 100, holdDownMs: 0, probationMs: 0, stateDir: state}
        control: {heartbeatMs: 300, chunkRetryMs: 200, applyTimeoutMs: 30000%s}
        """.formatted(AGENT, broker.url(), FleetHarness.CARD, ladder == null ? "" : "ladder: '" + ladder + "',",
        control);
    Path file = dir.resolve("agent.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private SensorSimulator sensors() throws Exception {
    return SensorSimulator.start(SimulatorConfig.builder().brokerUri(broker.url()).clientId("kill-sim")
        .machines(List.of("pump-1")).format(PayloadFormat.RAW).schedule(ConditionSchedule.cycle(Duration.ofSeconds(2)))
        .seed(3).qos(1).rateMultiplier(1).duration(Duration.ofSeconds(100)).build());
  }

  private boolean event(String type, String key, Object value, int from) {
    List<AgentEvent> es = fleet.events;
    for (int i = from; i < es.size(); i++) {
      if (es.get(i).type().equals(type) && value.equals(es.get(i).details().get(key))) return true;
    }
    return false;
  }

  @Test
  void kill9_midSwap_restartsOnLastKnownGoodVariant() throws Exception {
    Path ladder = KillLadder.write(dir.resolve("ladder"), SLOW_MATMULS);
    Path config = config(ladder, "");
    String qatSha = Sha256.hex(dir.resolve("ladder/qat.onnx"));
    String slowSha = Sha256.hex(dir.resolve("ladder/slow.onnx"));
    try (SensorSimulator sim = sensors()) {
      try (AgentProcess first = AgentProcess.start(config, dir.resolve("agent-1.log"))) {
        fleet.desired(1, null, new Bounds(List.of(), "qat", 0));
        await("v1 APPLIED (qat)", WAIT, first.whileAlive(() -> fleet.reportedFinal(1, ReportedState.State.APPLIED)),
            () -> fleet.diagnostics() + first.tail(3000));
        Path lastGood = LastGoodVariants.fileIn(dir.resolve("state"));
        assertThat(Files.readString(lastGood)).contains("\"variant\":\"qat\"").contains(qatSha);

        int before = fleet.events.size();
        fleet.desired(2, null, new Bounds(List.of(), KillLadder.SLOW, 0));
        await("swap to slow started", WAIT,
            first.whileAlive(() -> event("swap.started", "to", KillLadder.SLOW, before)),
            () -> fleet.diagnostics() + first.tail(3000));
        first.kill();
        long killedAt = System.nanoTime();
        long startedAt = fleet.events.stream().filter(e -> e.type().equals("swap.started")
            && KillLadder.SLOW.equals(e.details().get("to"))).findFirst().orElseThrow().time();
        System.out.printf("[kill-mid-swap] SIGKILL pid %d %d ms after its swap.started qat -> slow%n", first.pid(),
            System.currentTimeMillis() - startedAt);
        assertThat(event("swap.completed", "to", KillLadder.SLOW, before)).as("killed before the swap finished")
            .isFalse();
        assertThat(event("swap.failed", "to", KillLadder.SLOW, before)).isFalse();
        assertThat(Files.readString(lastGood)).as("the interrupted swap did not touch the last known good")
            .contains("\"variant\":\"qat\"").doesNotContain(slowSha);

        int resultsBefore = settledResults();
        int eventsBefore = fleet.events.size();
        try (AgentProcess second = AgentProcess.start(config, dir.resolve("agent-2.log"))) {
          await("first result after restart", WAIT, second.whileAlive(() -> fleet.results.size() > resultsBefore),
              () -> fleet.diagnostics() + second.tail(3000));
          long restartMs = (System.nanoTime() - killedAt) / 1_000_000;
          InferenceResult firstAfter = fleet.results.get(resultsBefore);
          System.out.printf("[kill-mid-swap] restart: first result %d ms after the kill (%d ms after the new JVM"
              + " started), variant %s (%s)%n", restartMs, second.uptimeMillis(), firstAfter.variant(),
              firstAfter.sha256().substring(0, 12));
          assertThat(firstAfter.variant()).as("first window after the restart").isEqualTo("qat");
          assertThat(firstAfter.sha256()).isEqualTo(qatSha);
          assertThat(event("swap.restored", "variant", "qat", eventsBefore)).isTrue();
          assertThat(second.log()).contains("starts on its last known good variant qat");

          // The desired state still pins slow: the restarted agent carries the interrupted swap through.
          await("v2 APPLIED after restart (slow)", WAIT,
              second.whileAlive(() -> fleet.reportedFinal(2, ReportedState.State.APPLIED)),
              () -> fleet.diagnostics() + second.tail(3000));
          System.out.printf("[kill-mid-swap] desired v2 applied %d ms after the kill%n",
              (System.nanoTime() - killedAt) / 1_000_000);
          // committed on the swap loader thread as slow starts serving; the fsync may land after the report
          await("slow recorded as last known good", WAIT, second.whileAlive(() -> read(lastGood).contains(slowSha)),
              () -> read(lastGood) + second.tail(3000));
        }
      }
    }
  }

  @Test
  void kill9_midDownload_resumesFromChunksOnDiskAndInstalls() throws Exception {
    release = new TestRelease(512);
    Path key = release.writePublicKey(dir.resolve("controller.pub"));
    Path config = config(null, ", publicKey: '" + key + "'");
    Artifact fp32 = release.artifact("fp32");
    Artifact qat = release.artifact("qat");
    Path chunks = dir.resolve("state/downloads/" + qat.sha256());
    int total = qat.chunkCount();
    int onDisk;
    try (AgentProcess first = AgentProcess.start(config, dir.resolve("agent-1.log"))) {
      await("birth", WAIT,
          first.whileAlive(() -> !fleet.births.isEmpty()), () -> fleet.diagnostics() + first.tail(3000));
      release.publishManifest(fleet);
      release.publishChunks(fleet, "fp32", 0, fp32.chunkCount());
      fleet.desired(1, release.sha(), new Bounds(List.of(), "qat", 0));
      await("fp32 cached", WAIT,
          first.whileAlive(() -> Files.exists(dir.resolve("state/cache/" + fp32.sha256() + ".onnx"))),
          () -> fleet.diagnostics() + first.tail(3000));
      int published = 0;
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (chunkFiles(chunks).size() < total / 2) { // paced by the broker's acks: the agent is writing as we kill
        if (published < total) {
          release.publishChunks(fleet, "qat", published, published + 1);
          published++;
        } else if (System.nanoTime() > deadline) {
          throw new AssertionError("half the qat chunks never reached the disk; " + fleet.diagnostics()
              + first.tail(3000));
        } else {
          Thread.sleep(5);
        }
      }
      first.kill();
      TreeSet<Integer> held = chunkFiles(chunks);
      onDisk = held.size();
      System.out.printf("[kill-mid-download] SIGKILL pid %d: %d of %d qat chunks on disk, %d published, %s%n",
          first.pid(), onDisk, total, published, leftovers(chunks));
      assertThat(onDisk).isLessThan(total);
      for (int i : held) fleet.retain(Topics.artifactChunk(qat.sha256(), i), new byte[0]); // gone from the broker
      for (int i = 0; i < total; i++) {
        if (!held.contains(i)) release.publishChunks(fleet, "qat", i, i + 1);
      }
    }
    long restartAt = System.nanoTime();
    try (AgentProcess second = AgentProcess.start(config, dir.resolve("agent-2.log"))) {
      await("APPLIED after restart", WAIT,
          second.whileAlive(() -> fleet.reportedFinal(1, ReportedState.State.APPLIED)),
          () -> fleet.diagnostics() + second.tail(3000));
      Matcher m = Pattern.compile("\\(qat\\): fetching (\\d+) of (\\d+) chunks").matcher(second.log());
      assertThat(m.find()).as("the restarted agent's fetch line").isTrue();
      int fetched = Integer.parseInt(m.group(1));
      System.out.printf("[kill-mid-download] restart: fetched %d of %d chunks (%d re-fetched), installed %d ms after"
          + " the restart%n", fetched, total, fetched - (total - onDisk), (System.nanoTime() - restartAt) / 1_000_000);
      assertThat(fetched).isEqualTo(total - onDisk);
      assertThat(Sha256.hex(dir.resolve("state/cache/" + qat.sha256() + ".onnx"))).isEqualTo(qat.sha256());
      assertThat(chunks).doesNotExist();
      assertThat(fleet.lastReported().pipelines().get(0).activeVariant()).isEqualTo("qat");
    }
  }

  @Test
  void kill9_lastGoodFileTampered_startsOnConfiguredVariant() throws Exception {
    Path ladder = KillLadder.write(dir.resolve("ladder"), 0);
    Path config = config(ladder, "");
    try (SensorSimulator sim = sensors()) {
      try (AgentProcess first = AgentProcess.start(config, dir.resolve("agent-1.log"))) {
        fleet.desired(1, null, new Bounds(List.of(), "qat", 0));
        await("v1 APPLIED (qat)", WAIT, first.whileAlive(() -> fleet.reportedFinal(1, ReportedState.State.APPLIED)),
            () -> fleet.diagnostics() + first.tail(3000));
        first.kill();
      }
      // Changed on disk, still a loadable model (an unknown protobuf field appended: field 99, varint 1), so only
      // its sha256 tells: the agent must not start on it.
      Files.write(dir.resolve("ladder/qat.onnx"), new byte[] {(byte) 0x98, 0x06, 0x01}, StandardOpenOption.APPEND);

      int resultsBefore = settledResults();
      int eventsBefore = fleet.events.size();
      try (AgentProcess second = AgentProcess.start(config, dir.resolve("agent-2.log"))) {
        await("first result after restart", WAIT, second.whileAlive(() -> fleet.results.size() > resultsBefore),
            () -> fleet.diagnostics() + second.tail(3000));
        InferenceResult firstAfter = fleet.results.get(resultsBefore);
        System.out.printf("[kill-tampered] restart on %s; restore refused: %s%n", firstAfter.variant(),
            fleet.events.subList(eventsBefore, fleet.events.size()).stream()
                .filter(e -> e.type().equals("swap.restore.failed")).map(AgentEvent::message).toList());
        assertThat(firstAfter.variant()).isEqualTo("base");
        assertThat(event("swap.restore.failed", "variant", "qat", eventsBefore)).isTrue();
        assertThat(fleet.events.subList(eventsBefore, fleet.events.size())).filteredOn(
            e -> e.type().equals("swap.restore.failed")).singleElement()
            .satisfies(e -> assertThat(e.message()).contains("sha256"));
      }
    }
  }

  /**
   * The number of results once the killed agent's last ones have arrived (none for 500 ms): results the broker
   * still forwards after the kill must not pass for the restarted agent's.
   */
  private int settledResults() throws InterruptedException {
    int n = fleet.results.size();
    long quietSince = System.nanoTime();
    long deadline = quietSince + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() - quietSince < TimeUnit.MILLISECONDS.toNanos(500) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      if (fleet.results.size() != n) {
        n = fleet.results.size();
        quietSince = System.nanoTime();
      }
    }
    return n;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static TreeSet<Integer> chunkFiles(Path folder) throws Exception {
    TreeSet<Integer> out = new TreeSet<>();
    if (!Files.isDirectory(folder)) return out;
    try (Stream<Path> files = Files.list(folder)) {
      files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".chunk"))
          .forEach(n -> out.add(Integer.parseInt(n.substring(0, n.length() - ".chunk".length()))));
    }
    return out;
  }

  private static String leftovers(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count() + " half-written .tmp file(s)";
    }
  }
}
