package io.edgeladder.simulator;

import io.edgeladder.simulator.paho.PahoPublisher;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes simulated vibration of several machines over MQTT: message {@code n} of every machine holds
 * frames {@code [n*F, (n+1)*F)} of its stream and is sent at {@code start + n*F/sampleRate} on the
 * monotonic clock (divided by the rate multiplier), catching up at once when behind.
 *
 * <p>Stream time is what the data says: frame {@code f} of every machine has wall timestamp {@code
 * startEpochMillis + f / sampleRate} (the SenML {@code bt} of each message). The schedule is applied per
 * message, at the message's first frame; {@link #conditionAt} answers with exactly that truth.
 *
 * <p>One platform thread ({@code edgeladder-sim}) generates, encodes and publishes; the getters may be
 * called from any thread. {@link #close()} stops the thread and disconnects.
 */
public final class SensorSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SensorSimulator.class);

  private final SimulatorConfig config;
  private final Publisher publisher;
  private final SimClock clock;
  private final List<String> machines;
  private final String[] topics;
  private final VibrationSource[] sources;
  private final float[] frames;
  private final PayloadEncoder encoder;
  private final long maxMessages;
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final CountDownLatch done = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running;
  private volatile long startEpochMillis = -1;

  /** Wires a simulator to {@code publisher}; call {@link #start()} to begin. */
  public SensorSimulator(SimulatorConfig config, Publisher publisher, SimClock clock) {
    this.config = config;
    this.publisher = publisher;
    this.clock = clock;
    this.machines = config.machines();
    this.topics = new String[machines.size()];
    this.sources = new VibrationSource[machines.size()];
    for (int i = 0; i < machines.size(); i++) {
      topics[i] = config.topic(machines.get(i));
      double walkSpan = Math.min(0.2 * config.shaftHz(), config.sampleRateHz() / 20 - config.shaftHz());
      sources[i] = VibrationSource.of(config.seed() * 1_000_003L + i, config.sampleRateHz())
          .shaftHz(config.shaftHz())
          .noise(config.noise())
          .speedWalk(config.speedWalkHz(), config.shaftHz() - 0.2 * config.shaftHz(),
              config.shaftHz() + Math.max(0, walkSpan));
    }
    this.frames = new float[3 * config.framesPerMessage()];
    this.encoder = config.format().newEncoder();
    this.maxMessages = config.duration() == null
        ? Long.MAX_VALUE
        : (long) Math.ceil(config.duration().toNanos() / 1e9 * config.sampleRateHz() / config.framesPerMessage());
    this.thread = new Thread(this::run, "edgeladder-sim");
    this.thread.setDaemon(true);
  }

  /**
   * Connects to {@code config.brokerUri()} with Paho and starts publishing.
   *
   * @throws IOException when the broker cannot be reached
   */
  public static SensorSimulator start(SimulatorConfig config) throws IOException {
    PahoPublisher publisher = PahoPublisher.connect(config.brokerUri(), config.clientId(), config.qos(), 10);
    SensorSimulator sim = new SensorSimulator(config, publisher, SimClock.system());
    sim.start();
    return sim;
  }

  /** Starts the publishing thread; stream time 0 is now. */
  public synchronized SensorSimulator start() {
    if (startEpochMillis >= 0) {
      throw new IllegalStateException("simulator already started");
    }
    startEpochMillis = clock.epochMillis();
    running = true;
    thread.start();
    return this;
  }

  private void run() {
    Pacer pacer = new Pacer(clock.nanoTime(),
        Pacer.periodNanos(config.framesPerMessage(), config.sampleRateHz(), config.rateMultiplier()));
    long n = 0;
    try {
      while (running && n < maxMessages) {
        long wait = pacer.waitNanos(n, clock.nanoTime());
        if (wait > 0) {
          LockSupport.parkNanos(wait);
          continue;
        }
        publishAll(n);
        n++;
      }
    } catch (Throwable t) {
      // One bad message must not look like a healthy stream: say why publishing stopped.
      LOG.error("simulator publishing stopped after {} messages", n, t);
    } finally {
      running = false;
      done.countDown();
    }
  }

  private void publishAll(long n) {
    long streamMillis = streamMillis(n);
    long epochMillis = startEpochMillis + streamMillis;
    int count = config.framesPerMessage();
    for (int i = 0; i < sources.length; i++) {
      Condition c = config.schedule().at(i, streamMillis);
      if (sources[i].condition() != c || n == 0) {
        sources[i].condition(c);
      }
      sources[i].next(frames, count);
      int size = encoder.encode(frames, count, machines.get(i), epochMillis, config.sampleRateHz());
      if (publisher.publish(topics[i], encoder.bytes(), size)) {
        messages.incrementAndGet();
      } else {
        dropped.incrementAndGet();
      }
    }
  }

  /** Stream time of the first frame of message {@code n}, ms (floor). */
  private long streamMillis(long n) {
    return (long) Math.floor(n * config.framesPerMessage() * 1000.0 / config.sampleRateHz());
  }

  /**
   * The condition injected into {@code machine}'s samples stamped {@code epochMillis}.
   *
   * @throws IllegalArgumentException for an unknown machine
   * @throws IllegalStateException before {@link #start()}
   */
  public Condition conditionAt(String machine, long epochMillis) {
    int index = machines.indexOf(machine);
    if (index < 0) {
      throw new IllegalArgumentException("simulator has no machine '" + machine + "'; machines are " + machines);
    }
    if (startEpochMillis < 0) {
      throw new IllegalStateException("simulator not started");
    }
    long elapsed = Math.max(0, epochMillis - startEpochMillis);
    long frame = (long) Math.floor(elapsed * config.sampleRateHz() / 1000.0);
    return config.schedule().at(index, streamMillis(frame / config.framesPerMessage()));
  }

  /** Wall time of stream time zero (frame 0 of every machine), or -1 before start. */
  public long startEpochMillis() {
    return startEpochMillis;
  }

  /** Messages handed to the transport, all machines together. */
  public long messagesPublished() {
    return messages.get();
  }

  public long messagesDropped() {
    return dropped.get();
  }

  public SimulatorConfig config() {
    return config;
  }

  /** Waits until the configured duration has been published (or {@link #close()}); true if done. */
  public boolean awaitDone(Duration timeout) throws InterruptedException {
    return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Stops publishing (waits up to 5 s for the thread), then closes the publisher. */
  @Override
  public void close() {
    running = false;
    LockSupport.unpark(thread);
    try {
      if (thread.isAlive()) {
        thread.join(5_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      publisher.close();
    }
  }
}
