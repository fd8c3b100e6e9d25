package io.edgeladder.bench.adaptive;

import io.edgeladder.bench.AgentProcess;
import io.edgeladder.bench.BenchClient;
import io.edgeladder.bench.BenchMain;
import io.edgeladder.bench.SensorFeed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One agent run: the agent in its own JVM ({@link AgentWithSwapsCommand}: {@code Agent.start} plus swap
 * commands on stdin) on a generated {@link AdaptiveYaml}, subscribers for its results, events and
 * telemetry, and a paced publisher of {@link LabelledFeed} messages. Actions (a swap command, starting the
 * competitor) run at fixed times of the stream on their own thread, so they never delay the pacing.
 *
 * <p>Threads: {@link #stream} on the caller's (main) thread, which alone writes {@code sent}; other
 * threads read {@link #sentNanos} only after {@link #stream} returned.
 */
final class AgentSession implements AutoCloseable {
  /** Something to do {@code atSeconds} after the stream started. */
  record Timed(double atSeconds, String name, Action action) {}

  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }

  private final AdaptiveYaml config;
  private final LabelledFeed feed;
  private final AgentProcess agent;
  private final List<BenchClient> clients;
  private final BenchClient publisher;
  private final ResultLedger ledger;
  private final EventLog events;
  private final TelemetryLog telemetry;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "bench-actions");
    t.setDaemon(true);
    return t;
  });
  private final long[] sent;
  private final List<String> actionErrors = new ArrayList<>(); // guarded by itself
  private final Path eventsFile;
  private long next; // next message index; main thread
  private long startNanos;

  private AgentSession(AdaptiveYaml config, LabelledFeed feed, AgentProcess agent, List<BenchClient> clients,
      ResultLedger ledger, EventLog events, TelemetryLog telemetry, int maxMessages, Path eventsFile) {
    this.config = config;
    this.feed = feed;
    this.agent = agent;
    this.clients = clients;
    this.publisher = clients.get(clients.size() - 1);
    this.ledger = ledger;
    this.events = events;
    this.telemetry = telemetry;
    this.sent = new long[maxMessages];
    this.eventsFile = eventsFile;
  }

  /**
   * Writes the config into {@code workDir}, starts the agent and waits until it is ready (its ladder
   * profiled), then connects the bench's clients. {@code maxMessages} sizes the timestamp arrays.
   */
  static AgentSession start(AdaptiveYaml config, LabelledFeed feed, List<String> jvmFlags, Path workDir,
      String name, int maxMessages) throws Exception {
    Path file = config.write(workDir.resolve(name + ".yaml"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags);
    cmd.add("-cp");
    cmd.add(ClasspathJar.of(workDir));
    cmd.add(BenchMain.class.getName());
    cmd.add("adaptive-agent");
    cmd.add("--config");
    cmd.add(file.toAbsolutePath().toString());
    cmd.add("--ladder");
    cmd.add(config.ladder().toAbsolutePath().toString());
    AgentProcess agent = AgentProcess.launch(cmd, config.httpPort(), workDir.resolve(name + ".log"));
    List<BenchClient> clients = new ArrayList<>();
    try {
      agent.awaitReady(Duration.ofSeconds(120));
      ResultLedger ledger = new ResultLedger((int) Math.min(Integer.MAX_VALUE - 8,
          feed.windowsThrough(maxMessages) + 16));
      EventLog events = new EventLog();
      TelemetryLog telemetry = new TelemetryLog();
      BenchClient results = BenchClient.connect(config.brokerUrl(), "bench-results-" + name, ledger);
      clients.add(results);
      results.subscribe(config.resultTopic(), 0);
      BenchClient fleet = BenchClient.connect(config.brokerUrl(), "bench-fleet-" + name,
          (topic, payload, nanos) -> {
            if (topic.endsWith("/telemetry")) {
              telemetry.onMessage(topic, payload, nanos);
            } else {
              events.onMessage(topic, payload, nanos);
            }
          });
      clients.add(fleet);
      fleet.subscribe(config.eventsTopic(), 1);
      fleet.subscribe("fleet/" + config.agentId() + "/telemetry", 0);
      clients.add(BenchClient.connect(config.brokerUrl(), "bench-sensor-" + name, null));
      return new AgentSession(config, feed, agent, clients, ledger, events, telemetry, maxMessages,
          workDir.resolve(name + ".events.jsonl"));
    } catch (Exception | Error e) {
      clients.forEach(BenchClient::close);
      agent.close();
      throw e;
    }
  }

  /**
   * Publishes {@code seconds × messagesPerSecond} messages, message {@code i} due at
   * {@code start + i / messagesPerSecond} on the monotonic clock (no drift), and runs {@code actions} at
   * their times. Continues the message numbering of earlier calls; the first call sets {@link #startNanos}.
   *
   * @return when the first message of this call was due (bench monotonic nanos)
   */
  long stream(double messagesPerSecond, double seconds, List<Timed> actions) {
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2);
    if (next == 0) {
      startNanos = start;
    }
    for (Timed t : actions) {
      long delay = start + (long) (t.atSeconds() * 1e9) - System.nanoTime();
      timer.schedule(() -> runAction(t), Math.max(0, delay), TimeUnit.NANOSECONDS);
    }
    double period = 1e9 / messagesPerSecond;
    long count = Math.round(messagesPerSecond * seconds);
    for (long i = 0; i < count && next < sent.length; i++) {
      SensorFeed.awaitNanos(start + (long) (i * period));
      sent[(int) next] = System.nanoTime();
      try {
        publisher.publish(AdaptiveYaml.TOPIC, feed.payload(next), 0);
      } catch (Exception e) {
        synchronized (actionErrors) {
          actionErrors.add("publish of message " + next + " failed: " + e);
        }
      }
      next++;
    }
    return start;
  }

  /**
   * Sends as fast as the agent answers for {@code seconds}: message {@code m} waits (at most 100 ms, a
   * shed window never answers) until the windows of message {@code m - inFlightMessages} have results.
   *
   * @return windows with a result that arrived within the phase, per second
   */
  double saturate(double seconds, int inFlightMessages) throws Exception {
    long firstWindow = windowsSent();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    while (System.nanoTime() < end && next < sent.length) {
      long behind = next - inFlightMessages;
      if (behind >= 0) {
        ledger.awaitSeq(feed.windowsThrough(behind) - 1, TimeUnit.MILLISECONDS.toNanos(100));
      }
      sent[(int) next] = System.nanoTime();
      publisher.publish(AdaptiveYaml.TOPIC, feed.payload(next), 0);
      next++;
    }
    long stop = System.nanoTime();
    drain(Duration.ofSeconds(2));
    long answered = 0;
    for (long s = firstWindow; s < windowsSent(); s++) {
      long r = ledger.receivedNanos(s);
      if (r != 0 && r <= stop) {
        answered++;
      }
    }
    return answered / ((stop - start) / 1e9);
  }

  private void runAction(Timed t) {
    try {
      t.action().run();
    } catch (Exception | Error e) {
      synchronized (actionErrors) {
        actionErrors.add(t.name() + " at " + t.atSeconds() + " s failed: " + e);
      }
    }
  }

  /** Asks the agent to swap to {@code variant} (answered by swap.* events). */
  void requestSwap(String variant) throws java.io.IOException {
    agent.send("swap " + AdaptiveYaml.PIPELINE + " " + variant);
  }

  /**
   * Waits for the result of the last window sent, as long as results keep coming: gives up once none
   * arrived for {@code quiet} (the last windows were shed or lost) or after a minute.
   *
   * @return whether the last window's result came
   */
  boolean drain(Duration quiet) throws InterruptedException {
    if (next == 0) {
      return true;
    }
    long last = windowsSent() - 1;
    long hardStop = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    long seen = ledger.results();
    while (System.nanoTime() < hardStop) {
      if (ledger.awaitSeq(last, quiet.toNanos())) {
        return true;
      }
      long now = ledger.results();
      if (now == seen) {
        return false;
      }
      seen = now;
    }
    return false;
  }

  long sentNanos(long message) {
    return sent[(int) message];
  }

  long messagesSent() {
    return next;
  }

  /** Windows the messages sent so far closed. */
  long windowsSent() {
    return next == 0 ? 0 : feed.windowsThrough(next - 1);
  }

  long startNanos() {
    return startNanos;
  }

  List<String> actionErrors() {
    synchronized (actionErrors) {
      return List.copyOf(actionErrors);
    }
  }

  long publishCallbackErrors() {
    return clients.stream().mapToLong(BenchClient::callbackErrors).sum();
  }

  AgentProcess agent() {
    return agent;
  }

  LabelledFeed feed() {
    return feed;
  }

  ResultLedger ledger() {
    return ledger;
  }

  EventLog events() {
    return events;
  }

  TelemetryLog telemetry() {
    return telemetry;
  }

  AdaptiveYaml config() {
    return config;
  }

  /** Closes the clients and the agent, and leaves the agent's events in {@code <name>.events.jsonl}. */
  @Override
  public void close() throws Exception {
    timer.shutdownNow();
    clients.forEach(BenchClient::close);
    agent.close();
    StringBuilder lines = new StringBuilder();
    for (EventLog.Arrived e : events.events()) {
      lines.append(String.format(java.util.Locale.ROOT, "{\"atSeconds\":%.3f,\"event\":", (e.nanos() - startNanos) / 1e9))
          .append(new String(e.event().toJson(), java.nio.charset.StandardCharsets.UTF_8)).append("}\n");
    }
    java.nio.file.Files.writeString(eventsFile, lines);
  }
}
