package io.edgeladder.agent.pipeline;

import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.inference.InferenceException;
import io.edgeladder.agent.inference.LoadedModel;
import io.edgeladder.agent.ingest.DecodeError;
import io.edgeladder.agent.ingest.DecodeException;
import io.edgeladder.agent.ingest.PayloadDecoder;
import io.edgeladder.agent.ingest.StreamWindower;
import io.edgeladder.agent.ingest.Window;
import io.edgeladder.agent.ingest.WindowPool;
import io.edgeladder.agent.ingest.WindowSink;
import io.edgeladder.agent.schedule.ShedReason;
import io.edgeladder.agent.transport.Transport;
import io.edgeladder.protocol.InferenceResultWriter;
import io.edgeladder.protocol.JsonBuffer;
import io.edgeladder.protocol.ModelCard;
import io.edgeladder.protocol.Topics;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One sensor stream and its model: {@code message → decode → window} on the transport's receive thread,
 * {@code window → run → result → publish} on inference workers.
 *
 * <p>Threads: {@link #onMessage} only on the transport receive thread (the decoder scratch and the
 * windower's ring are confined to it); {@link #process} on worker {@code w}, which alone touches
 * {@code writers[w]}, {@code outputs[w]}, {@code seen[w]} and the current variant's runner {@code w};
 * {@link #shed} on any thread; {@link #activate} on the swap manager's thread.
 *
 * <p>Variants: the pipeline serves whatever {@link ActiveVariant} the holder {@code active} points to,
 * read once per window; a swap replaces it between windows ({@link #activate}), and a worker that started
 * a window on the old variant finishes it there (see {@link ActiveVariant}'s drain protocol).
 */
public final class Pipeline {
  private static final double EWMA_ALPHA = 0.1;
  /** Variant id of a model deployed straight from its card, before any ladder exists. */
  static final String BASE_VARIANT = "base";
  /** Runs per runner before the first window: JIT, ORT arena and kernel selection warm up off the clock. */
  private static final int WARM_UP_RUNS = 50;

  final int index;
  final AgentConfig.Pipeline config;
  final ModelCard card;
  final String resultTopic;
  final PipelineMetrics metrics;
  private final Clock clock;
  private final Transport transport;
  private final int resultQos;
  private final boolean logits;

  private final PayloadDecoder decoder;
  private final float[] frames;
  private final StreamWindower windower;

  private final int workers;
  /** The variant serving new windows; written by {@link #activate}, read once per window. */
  private volatile ActiveVariant active;
  /** The variant each worker's writer was last set to; worker-confined. */
  private final ActiveVariant[] seen;
  private final InferenceResultWriter[] writers;
  private final float[][] outputs;
  private final BiConsumer<Void, Throwable> onPublished;

  /** EWMA of run time in nanos; written by workers, read by the scheduler. */
  private volatile long predictedRunNanos;
  /** The last decode error's message; written on the receive thread, read by the event reporter. */
  volatile String lastDecodeError;
  /** Sequence number of the last window shed; read by the event reporter. */
  volatile long lastShedSeq = -1;

  Pipeline(int index, String agentId, AgentConfig.Pipeline config, ModelCard card, LoadedModel model,
      int workers, int windowBuffers, WindowSink scheduler, Transport transport, int resultQos,
      MeterRegistry registry, Clock clock) {
    this.index = index;
    this.config = config;
    this.card = card;
    this.clock = clock;
    this.transport = transport;
    this.resultQos = resultQos;
    this.workers = workers;
    this.resultTopic = Topics.inference(agentId, config.name());
    this.logits = !"probabilities".equalsIgnoreCase(card.output().kind());

    int channels = config.channels().size();
    int windowSize = config.windowSize() > 0 ? config.windowSize() : card.input().windowSize();
    int hop = config.hop() > 0 ? config.hop() : card.input().hop();
    int maxFrames = Math.max(1, config.maxPayloadBytes() / (2 * channels));
    this.decoder = PayloadDecoder.of(config.format(), config.channels(), config.unit(), maxFrames);
    this.frames = new float[maxFrames * channels];
    WindowPool pool = new WindowPool(windowBuffers, channels * windowSize);
    ModelCard.Normalization norm = card.input().normalization();
    this.windower = new StreamWindower(index, channels, windowSize, hop, norm.mean(), norm.std(),
        config.sampleRateHz(), pool, scheduler, TimeUnit.MILLISECONDS.toNanos(config.deadlineMillis()));
    this.metrics = new PipelineMetrics(registry, config.name(), windower::windowsCut, windower::shedNoBuffer);

    this.writers = new InferenceResultWriter[workers];
    this.seen = new ActiveVariant[workers];
    this.outputs = new float[workers][];
    ActiveVariant base = ActiveVariant.of(BASE_VARIANT, card.modelPath(config.modelCard()), model, workers);
    for (int w = 0; w < workers; w++) {
      writers[w] = new InferenceResultWriter(agentId, config.name(), card.name(), card.classes());
      writers[w].variant(base.id(), base.sha256());
      seen[w] = base;
      outputs[w] = new float[model.signature().outputSize()];
    }
    warmUp(base);
    this.active = base;
    this.onPublished = (ok, error) -> {
      if (error != null) {
        metrics.publishFailed.increment();
      }
    };
  }

  /** Warms every runner up off the clock and seeds the scheduler's run-time prediction. */
  private void warmUp(ActiveVariant v) {
    try {
      predictedRunNanos = Math.max(predictedRunNanos, v.warmUp(WARM_UP_RUNS, clock));
    } catch (InferenceException e) {
      throw new IllegalStateException("pipeline " + config.name() + ": model " + card.name()
          + " fails on a zero input during warm-up: " + e.getMessage(), e);
    }
  }

  /** Decodes one sensor message into the stream; bad payloads are counted and dropped whole. */
  public void onMessage(String topic, byte[] payload) {
    long nanos = clock.monotonicTime();
    long wall = clock.wallTime();
    metrics.messagesIn.increment();
    if (payload.length > config.maxPayloadBytes()) {
      rejected(DecodeError.OVERSIZED, null, payload.length);
      return;
    }
    try {
      int n = decoder.decode(payload, frames);
      long sampleTime = decoder.lastSampleTimeMillis();
      windower.append(frames, n, nanos, sampleTime != PayloadDecoder.NO_TIME ? sampleTime : wall);
    } catch (DecodeException e) {
      rejected(e.kind(), e.getMessage(), payload.length);
    }
  }

  private void rejected(DecodeError kind, String message, int length) {
    metrics.decodeError(kind);
    lastDecodeError = message != null ? message
        : "payload of " + length + " bytes exceeds maxPayloadBytes " + config.maxPayloadBytes();
  }

  void process(Window w, int worker, long startNanos) {
    float[] out = outputs[worker];
    ActiveVariant v = active;
    v.enter();
    while (v != active) {
      // Replaced between the read and enter(): the swap may already see this variant drained.
      v.exit();
      v = active;
      v.enter();
    }
    try {
      v.runner(worker).run(w.data, out);
    } catch (InferenceException e) {
      metrics.failures.increment();
      w.release();
      return;
    } finally {
      v.exit();
    }
    long end = clock.monotonicTime();
    if (seen[worker] != v) {
      // First window of a new variant on this worker: the one allocation per swap and worker.
      seen[worker] = v;
      writers[worker].variant(v.id(), v.sha256());
    }
    long runNanos = end - startNanos;
    // Read before release: once back in the pool the ingest thread may refill the window.
    long closedNanos = w.closedNanos;
    long queueNanos = Math.max(0, startNanos - closedNanos);
    predictedRunNanos = predictedRunNanos == 0 ? runNanos
        : (long) (predictedRunNanos + EWMA_ALPHA * (runNanos - predictedRunNanos));
    if (logits) {
      Softmax.inPlace(out);
    }
    int top = Softmax.argMax(out);
    boolean met = end <= w.deadlineNanos;
    JsonBuffer json = writers[worker].write(w.seq, w.startMillis, w.endMillis,
        queueNanos / 1000, runNanos / 1000, met, top, out);
    w.release();
    transport.publish(resultTopic, json.array(), json.length(), resultQos, false).whenComplete(onPublished);
    metrics.windowsOut.increment();
    v.recordServed(met);
    if (!met) {
      metrics.deadlineMisses.increment();
    }
    metrics.queue.record(queueNanos, TimeUnit.NANOSECONDS);
    metrics.run.record(runNanos, TimeUnit.NANOSECONDS);
    metrics.total.record(end - closedNanos, TimeUnit.NANOSECONDS);
  }

  void shed(Window w, ShedReason reason) {
    lastShedSeq = w.seq;
    w.release();
    metrics.countShed(reason);
    if (reason == ShedReason.DEADLINE) {
      active.recordDeadlineShed();
      // Only served windows update the prediction, and a prediction above the deadline sheds every
      // window: without this decay one slow run (cold start, CPU steal) would starve the pipeline for good.
      predictedRunNanos = (long) (predictedRunNanos * (1 - EWMA_ALPHA));
    }
  }

  long predictedRunNanos() {
    return predictedRunNanos;
  }

  public String name() {
    return config.name();
  }

  public String topic() {
    return config.topic();
  }

  /** The variant serving new windows. */
  public ActiveVariant active() {
    return active;
  }

  /**
   * Serves {@code next} from the next window on; runs already started finish on the previous variant,
   * which the caller drains ({@link ActiveVariant#inFlight()} reaches 0) and then closes.
   *
   * @return the variant replaced
   * @throws IllegalArgumentException when {@code next} has another signature or worker count
   */
  public synchronized ActiveVariant activate(ActiveVariant next) {
    ActiveVariant prev = active;
    next.checkCanReplace(prev, name());
    if (next.warmRunNanos() > 0) {
      // The old variant's EWMA says nothing about the new one: start from its own warm run time.
      predictedRunNanos = next.warmRunNanos();
    }
    active = next;
    return prev;
  }

  public int workers() {
    return workers;
  }

  /** The pipeline's deadline per window, in millis. */
  public long deadlineMillis() {
    return config.deadlineMillis();
  }

  LoadedModel model() {
    return active.model();
  }

  long framesIn() {
    return windower.framesIn();
  }

  /** Closes the serving variant (runners and model); the scheduler must have stopped first. */
  void closeActive() {
    active.close();
  }
}
