package io.edgeladder.agent.pipeline;

import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.inference.LoadedModel;
import io.edgeladder.agent.inference.ModelLoadException;
import io.edgeladder.agent.inference.ModelLoader;
import io.edgeladder.agent.schedule.EdfScheduler;
import io.edgeladder.agent.transport.Transport;
import io.edgeladder.protocol.ModelCard;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The agent's inference path, assembled: pipelines (decode, window, run, publish), the EDF scheduler
 * and its workers, and the once-a-second reporter of events and rates.
 *
 * <p>Lifecycle: {@link #create} loads every model (failing fast with the file and reason), {@link #start}
 * subscribes and starts the workers, {@link #close} stops intake, drains the workers and closes the
 * sessions. Called on the owner's thread.
 */
public final class AgentCore implements AutoCloseable {
  private final AgentConfig config;
  private final Transport transport;
  private final List<Pipeline> pipelines;
  private final EdfScheduler scheduler;
  private final EventReporter events;
  private final RateTracker rates;
  private final ScheduledExecutorService ticker;
  private volatile boolean started;

  private AgentCore(AgentConfig config, Transport transport, List<Pipeline> pipelines,
      EdfScheduler scheduler, Clock clock) {
    this.config = config;
    this.transport = transport;
    this.pipelines = List.copyOf(pipelines);
    this.scheduler = scheduler;
    this.events = new EventReporter(config.agentId(), this.pipelines, transport, clock);
    this.rates = new RateTracker(this.pipelines, clock);
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "agent-ticker");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Loads the models and builds the pipelines; nothing is subscribed or started yet.
   *
   * @throws ModelLoadException when a model card or model cannot be loaded (the message names it)
   */
  public static AgentCore create(AgentConfig config, ModelLoader loader, Transport transport,
      MeterRegistry registry, Clock clock) throws ModelLoadException {
    int n = config.pipelines().size();
    AgentConfig.Inference inf = config.inference();
    PipelineSet set = new PipelineSet(n);
    EdfScheduler scheduler = new EdfScheduler(inf.workers(), inf.queueCapacity(), set, clock);
    List<Pipeline> pipelines = new ArrayList<>();
    List<LoadedModel> models = new ArrayList<>();
    int windowBuffers = inf.queueCapacity() + inf.workers() + 1;
    try {
      for (int i = 0; i < n; i++) {
        AgentConfig.Pipeline pc = config.pipelines().get(i);
        ModelCard card = loadCard(pc);
        LoadedModel model = loader.load(card.modelPath(pc.modelCard()), inf.runner());
        models.add(model);
        checkSignature(pc, card, model);
        Pipeline p = new Pipeline(i, config.agentId(), pc, card, model, inf.workers(), windowBuffers,
            scheduler, transport, config.broker().resultQos(), registry, clock);
        set.add(p);
        pipelines.add(p);
      }
    } catch (ModelLoadException | RuntimeException e) {
      models.forEach(LoadedModel::close);
      throw e;
    }
    Gauge.builder("edge.queue.depth", scheduler, EdfScheduler::queued).register(registry);
    Gauge.builder("edge.queue.age", scheduler, s -> s.oldestQueueAgeNanos() / 1e9)
        .baseUnit("seconds").register(registry);
    return new AgentCore(config, transport, pipelines, scheduler, clock);
  }

  private static ModelCard loadCard(AgentConfig.Pipeline pc) throws ModelLoadException {
    try {
      return ModelCard.load(pc.modelCard());
    } catch (IOException e) {
      throw new ModelLoadException("pipeline " + pc.name() + ": " + e.getMessage(), e);
    }
  }

  private static void checkSignature(AgentConfig.Pipeline pc, ModelCard card, LoadedModel model)
      throws ModelLoadException {
    int windowSize = pc.windowSize() > 0 ? pc.windowSize() : card.input().windowSize();
    int expectedIn = pc.channels().size() * windowSize;
    int in = model.signature().inputSize();
    int out = model.signature().outputSize();
    if (in != expectedIn || out != card.classes().size()) {
      throw new ModelLoadException("pipeline " + pc.name() + ": model " + card.name() + " takes " + in
          + " inputs and gives " + out + " outputs, but the pipeline cuts " + expectedIn
          + " (channels x windowSize) and the card lists " + card.classes().size() + " classes");
    }
  }

  /**
   * Starts the workers and the reporter, then subscribes every pipeline's topic.
   *
   * @return completes when every subscription is granted; exceptionally when one is refused
   */
  public CompletableFuture<Void> start() {
    scheduler.start();
    ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    CompletableFuture<?>[] subs = new CompletableFuture<?>[pipelines.size()];
    for (int i = 0; i < subs.length; i++) {
      Pipeline p = pipelines.get(i);
      subs[i] = transport.subscribe(p.topic(), 0, p::onMessage);
    }
    return CompletableFuture.allOf(subs).thenRun(() -> started = true);
  }

  private void tick() {
    events.tick();
    rates.tick();
  }

  public boolean ready() {
    return started && transport.isConnected();
  }

  /** The pipelines, in config order; the swap manager replaces their variants. */
  public List<Pipeline> pipelines() {
    return pipelines;
  }

  public String agentId() {
    return config.agentId();
  }

  /** A snapshot for {@code /status} and the demo: per pipeline counts, rates and latency percentiles. */
  public Map<String, Object> status() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("agent", config.agentId());
    s.put("broker", Map.of("url", config.broker().url(), "connected", transport.isConnected()));
    s.put("ready", ready());
    s.put("queue", Map.of("depth", scheduler.queued(), "capacity", scheduler.queueCapacity(),
        "oldestAgeMs", scheduler.oldestQueueAgeNanos() / 1e6));
    List<Map<String, Object>> ps = new ArrayList<>();
    for (Pipeline p : pipelines) {
      ps.add(PipelineStatus.of(p, rates));
    }
    s.put("pipelines", ps);
    return s;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    scheduler.close();
    // Each pipeline's serving variant; variants swapped out were closed by the swap after their drain.
    pipelines.forEach(Pipeline::closeActive);
  }
}
