package io.edgeladder.agent.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeladder.agent.app.Agent;
import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.InferenceResult;
import io.edgeladder.simulator.Condition;
import io.edgeladder.simulator.PayloadEncoder;
import io.edgeladder.simulator.PayloadFormat;
import io.edgeladder.simulator.VibrationSource;
import io.edgeladder.simulator.paho.PahoPublisher;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every kind of bad payload, interleaved with a valid stream on the same topic: each kind is counted
 * (status and metrics), summarised in rate-limited {@code decode.error} events, and rejected whole, so
 * the valid stream still yields exactly its windows, in order and correctly classified.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadInputIT {
  private static final String AGENT = "bad-gw";
  private static final int FRAMES = 256;
  private static final int MAX_PAYLOAD = 65_536;
  private static final int ROUNDS = 36;
  /** Between rounds: the bad messages spread over ~3 s, so the one-event-a-second limit shows. */
  private static final long ROUND_MILLIS = 80;

  private EmbeddedBroker broker;
  private Agent agent;
  private MqttCollector collector;
  private PahoPublisher publisher;

  @BeforeEach
  void setUp() {
    broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort());
  }

  @AfterEach
  void tearDown() {
    if (publisher != null) publisher.close();
    if (collector != null) collector.close();
    if (agent != null) agent.close();
    broker.close();
  }

  /** One pipeline under test: its valid stream and the bad payloads it gets, by expected error kind. */
  private static final class Feed {
    final E2e.Pipe pipe;
    final Condition condition;
    final VibrationSource source;
    final PayloadEncoder encoder;
    final Map<String, List<byte[]>> bad = new LinkedHashMap<>();
    final Map<String, Long> expected = new LinkedHashMap<>();
    final float[] samples = new float[3 * FRAMES];
    long frames;
    long validMessages;

    Feed(E2e.Pipe pipe, PayloadFormat format, Condition condition, long seed) {
      this.pipe = pipe;
      this.condition = condition;
      this.source = VibrationSource.of(seed, E2e.SAMPLE_RATE).condition(condition);
      this.encoder = format.newEncoder();
    }

    /** The next block of the valid stream (SenML stamped with stream time from {@code t0}). */
    byte[] next(long t0) {
      source.next(samples, FRAMES);
      encoder.encode(samples, FRAMES, pipe.name(), t0 + frames * 1000 / E2e.SAMPLE_RATE, E2e.SAMPLE_RATE);
      frames += FRAMES;
      validMessages++;
      return encoder.toByteArray();
    }

    /** A valid-looking block to corrupt (does not advance the stream). */
    String sample() {
      PayloadEncoder e = encoder.format().newEncoder();
      e.encode(samples, FRAMES, pipe.name(), 1_790_000_000_000L, E2e.SAMPLE_RATE);
      return new String(e.toByteArray(), UTF_8);
    }

    void add(String kind, byte[] payload) {
      bad.computeIfAbsent(kind, k -> new ArrayList<>()).add(payload);
    }

    void add(String kind, String payload) {
      add(kind, payload.getBytes(UTF_8));
    }
  }

  @Test
  void agent_badPayloadsInterleavedWithValid_countsReportsAndKeepsWindowsIntact() throws Exception {
    Feed raw = new Feed(E2e.Pipe.of("bad-raw", "raw-f32le", 1000).withMaxPayloadBytes(MAX_PAYLOAD),
        PayloadFormat.RAW, Condition.IMBALANCE, 21);
    Feed json = new Feed(E2e.Pipe.of("bad-json", "json", 1000).withMaxPayloadBytes(MAX_PAYLOAD),
        PayloadFormat.JSON, Condition.BEARING_FAULT, 22);
    Feed senml = new Feed(E2e.Pipe.of("bad-senml", "senml", 1000).withMaxPayloadBytes(MAX_PAYLOAD),
        PayloadFormat.SENML, Condition.LOOSENESS, 23);
    List<Feed> feeds = List.of(raw, json, senml);
    agent = E2e.start(E2e.config(AGENT, broker.url(), 1, 64, raw.pipe, json.pipe, senml.pipe));
    collector = MqttCollector.subscribe(broker.url(), AGENT);
    // QoS 1 from one client: the broker keeps the order, so bad and valid messages interleave as sent.
    publisher = PahoPublisher.connect(broker.url(), "bad-input", 1, 10);
    raw.next(0);
    json.next(0);
    senml.next(0);
    addRawPayloads(raw);
    addJsonPayloads(json);
    addSenmlPayloads(senml);
    for (Feed f : feeds) {
      // The primed blocks above were for shaping bad payloads only: restart the valid stream.
      f.frames = 0;
      f.validMessages = 0;
    }

    long t0 = System.currentTimeMillis();
    for (int round = 0; round < ROUNDS; round++) {
      for (Feed f : feeds) {
        publish(f.pipe, f.next(t0));
        List<String> kinds = new ArrayList<>(f.bad.keySet());
        String kind = kinds.get(round % kinds.size());
        List<byte[]> variants = f.bad.get(kind);
        publish(f.pipe, variants.get(round / kinds.size() % variants.size()));
        f.expected.merge(kind, 1L, Long::sum);
        publish(f.pipe, f.next(t0));
      }
      Thread.sleep(ROUND_MILLIS);
    }

    for (Feed f : feeds) {
      long windows = E2e.windowsFor(f.frames);
      E2e.await(f.pipe.name() + ": " + windows + " results", Duration.ofSeconds(20),
          () -> collector.resultCount(f.pipe.name()) >= windows,
          () -> collector.resultCount(f.pipe.name()) + " so far; " + agent.status());
      long errors = f.expected.values().stream().mapToLong(Long::longValue).sum();
      E2e.await(f.pipe.name() + ": decode.error events covering " + errors + " errors", Duration.ofSeconds(5),
          () -> reported(f.pipe.name()).values().stream().mapToLong(Long::longValue).sum() >= errors);
    }
    JsonNode status = E2e.status(agent);
    PromText metrics = E2e.metrics(agent);
    for (Feed f : feeds) {
      assertCountedAndReported(f, status, metrics);
      assertStreamIntact(f);
    }
  }

  private void assertCountedAndReported(Feed f, JsonNode status, PromText metrics) {
    String name = f.pipe.name();
    JsonNode p = E2e.pipeline(status, name);
    assertThat(p.path("messagesIn").asLong()).as("%s messages in", name)
        .isEqualTo(f.validMessages + f.expected.values().stream().mapToLong(Long::longValue).sum());
    Map<String, Long> counted = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : p.path("decodeErrors").properties()) {
      if (e.getValue().asLong() > 0) counted.put(e.getKey(), e.getValue().asLong());
    }
    assertThat(counted).as("%s decode errors in /status", name).isEqualTo(f.expected);
    for (Map.Entry<String, Long> e : f.expected.entrySet()) {
      assertThat(metrics.count("edge_decode_errors_total", "pipeline", name, "kind", e.getKey()))
          .as("%s edge_decode_errors_total{kind=%s}", name, e.getKey()).isEqualTo(e.getValue());
    }
    assertThat(p.path("lastDecodeError").asText()).isNotBlank();
    assertThat(reported(name)).as("%s: counts summed over decode.error events", name).isEqualTo(f.expected);
    List<AgentEvent> events = collector.events("decode.error", name);
    long span = events.get(events.size() - 1).time() - events.get(0).time();
    System.out.printf("BadInputIT %s: %s rejected, %d decode.error events over %d ms%n", name, f.expected,
        events.size(), span);
    assertThat(events.size()).as("%s decode.error events over %d ms (about one a second)", name, span)
        .isBetween(2, (int) (span / 1000) + 2);
    assertThat(events.get(0).message()).contains(f.pipe.topic());
  }

  /** The valid stream alone determines the windows: exact count, gap-free, and classified as injected. */
  private void assertStreamIntact(Feed f) {
    String name = f.pipe.name();
    List<InferenceResult> results = collector.results(name);
    assertThat(results).as("%s results", name).hasSize((int) E2e.windowsFor(f.frames));
    long correct = 0;
    for (int i = 0; i < results.size(); i++) {
      assertThat(results.get(i).seq()).as("%s result %d seq", name, i).isEqualTo(i);
      if (results.get(i).top().equals(f.condition.label())) correct++;
    }
    assertThat((double) correct / results.size()).as("%s accuracy on %s", name, f.condition)
        .isGreaterThanOrEqualTo(0.9);
  }

  /** Per kind, the counts summed over every decode.error event of {@code pipeline}. */
  private Map<String, Long> reported(String pipeline) {
    Map<String, Long> sum = new LinkedHashMap<>();
    for (AgentEvent e : collector.events("decode.error", pipeline)) {
      Object counts = e.details().get("counts");
      if (counts instanceof Map<?, ?> m) {
        m.forEach((k, v) -> sum.merge(String.valueOf(k), ((Number) v).longValue(), Long::sum));
      }
    }
    return sum;
  }

  private void publish(E2e.Pipe pipe, byte[] payload) {
    assertThat(publisher.publish(pipe.topic(), payload, payload.length)).as("published").isTrue();
  }

  private static void addRawPayloads(Feed f) {
    byte[] valid = f.encoder.toByteArray();
    f.add("wrong-length", Arrays.copyOf(valid, valid.length - 5));
    f.add("wrong-length", new byte[0]);
    f.add("non-finite", withFloat(valid, 7, Float.NaN));
    f.add("non-finite", withFloat(valid, 100, Float.POSITIVE_INFINITY));
    f.add("oversized", new byte[MAX_PAYLOAD + 12]);
  }

  private static void addJsonPayloads(Feed f) {
    String valid = f.sample();
    f.add("malformed", valid.substring(0, valid.length() / 2));
    f.add("malformed", "{\"x\": 1, \"y\": 2, \"z\": 3}");
    f.add("malformed", "[0.1,,0.2,0.3]");
    f.add("wrong-length", "[0.1, 0.2]");
    f.add("non-finite", "[1e999, 0.0, 0.0]");
    f.add("oversized", "[" + "0.0,".repeat(MAX_PAYLOAD / 4) + "0.0]");
  }

  private static void addSenmlPayloads(Feed f) {
    String valid = f.sample();
    f.add("wrong-unit", valid.replace("\"bu\":\"m/s2\"", "\"bu\":\"g\""));
    f.add("wrong-name", valid.replaceFirst("\"n\":\"y\"", "\"n\":\"q\""));
    f.add("wrong-name", valid.replaceFirst("\"n\":\"y\"", "\"n\":\"z\""));
    f.add("malformed", valid.substring(0, valid.length() - 7));
    f.add("non-finite", "[{\"bn\":\"m:\",\"bu\":\"m/s2\",\"n\":\"x\",\"v\":1e999},{\"n\":\"y\",\"v\":0},{\"n\":\"z\",\"v\":0}]");
  }

  private static byte[] withFloat(byte[] raw, int index, float value) {
    byte[] copy = raw.clone();
    ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putFloat(index * Float.BYTES, value);
    return copy;
  }
}
