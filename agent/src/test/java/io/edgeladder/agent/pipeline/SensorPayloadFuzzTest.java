package io.edgeladder.agent.pipeline;

import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.inference.LoadedModel;
import io.edgeladder.agent.inference.RunnerOptions;
import io.edgeladder.agent.inference.ort.OrtModelLoader;
import io.edgeladder.agent.ingest.DecodeError;
import io.edgeladder.agent.ingest.DecodeException;
import io.edgeladder.agent.ingest.PayloadDecoder;
import io.edgeladder.agent.ingest.PayloadFormat;
import io.edgeladder.agent.ingest.Window;
import io.edgeladder.agent.testing.RecordingTransport;
import io.edgeladder.protocol.ModelCard;
import io.edgeladder.protocol.fuzz.FuzzTries;
import io.edgeladder.protocol.fuzz.FuzzTriesHook;
import io.edgeladder.protocol.fuzz.JsonMutator;
import io.edgeladder.protocol.fuzz.Payload;
import io.edgeladder.protocol.fuzz.Tally;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Sensor payloads through a real pipeline's receive path (issue 6, fuzzing): valid JSON arrays, SenML packs
 * and raw float32 LE messages, mutated field by field and byte by byte, plus random bytes. Each one is either
 * decoded into the stream (its frames counted) or rejected: {@code edge.decode.errors{kind}} moves by exactly
 * one, on the kind an independent decoder of the same configuration names, with a message; nothing throws.
 */
@AddLifecycleHook(FuzzTriesHook.class)
class SensorPayloadFuzzTest {
  private static final Path CARD = Path.of("..", "models", "fixtures", "tiny-conv.model-card.json");
  private static final List<String> CHANNELS = List.of("x", "y", "z");
  private static final int MAX_PAYLOAD = 4096;
  private static final String UNIT = "m/s2";

  private Fixture fixture;
  private Tally tally;

  @Property(shrinking = ShrinkingMode.OFF)
  @FuzzTries(shortPass = 4_000, fullPass = 150_000)
  void json_mutated_decodedOrCountedOnce(@ForAll("json") Payload p) throws Exception {
    check(PayloadFormat.JSON, p);
  }

  @Property(shrinking = ShrinkingMode.OFF)
  @FuzzTries(shortPass = 4_000, fullPass = 150_000)
  void senml_mutated_decodedOrCountedOnce(@ForAll("senml") Payload p) throws Exception {
    check(PayloadFormat.SENML, p);
  }

  @Property(shrinking = ShrinkingMode.OFF)
  @FuzzTries(shortPass = 4_000, fullPass = 150_000)
  void rawF32_mutated_decodedOrCountedOnce(@ForAll("raw") Payload p) throws Exception {
    check(PayloadFormat.RAW_F32LE, p);
  }

  @Provide
  Arbitrary<Payload> json() {
    return Arbitraries.randomValue(r -> mutated(jsonArray(r), r));
  }

  @Provide
  Arbitrary<Payload> senml() {
    return Arbitraries.randomValue(r -> mutated(senmlPack(r), r));
  }

  @Provide
  Arbitrary<Payload> raw() {
    return Arbitraries.randomValue(SensorPayloadFuzzTest::rawFloats);
  }

  @AfterProperty
  void close() {
    if (tally != null) tally.print();
    if (fixture != null) fixture.close();
  }

  private void check(PayloadFormat format, Payload p) throws Exception {
    if (fixture == null) {
      fixture = new Fixture(format);
      tally = new Tally("sensor-" + format.name().toLowerCase());
    }
    DecodeError expected = null;
    int frames = 0;
    if (p.bytes().length > MAX_PAYLOAD) {
      expected = DecodeError.OVERSIZED;
    } else {
      try {
        frames = fixture.oracle.decode(p.bytes(), fixture.scratch);
      } catch (DecodeException e) {
        expected = e.kind();
      }
    }
    long[] before = fixture.errors();
    long framesBefore = fixture.pipeline.framesIn();
    fixture.pipeline.onMessage("sensors/pump-1", p.bytes());
    long[] after = fixture.errors();
    for (DecodeError k : DecodeError.values()) {
      long delta = after[k.ordinal()] - before[k.ordinal()];
      long want = k == expected ? 1 : 0;
      if (delta != want) {
        throw new AssertionError("edge.decode.errors{kind=" + k.tag() + "} moved by " + delta + ", expected " + want
            + " (oracle: " + (expected == null ? "accepted" : expected) + ")\ninput " + p);
      }
    }
    if (expected != null) {
      String m = fixture.pipeline.lastDecodeError;
      if (m == null || m.isBlank() || m.contains("null")) {
        throw new AssertionError("rejection without a message naming what and where: " + m + "\ninput " + p);
      }
      tally.rejected(expected.tag());
    } else {
      long got = fixture.pipeline.framesIn() - framesBefore;
      if (got != frames) throw new AssertionError(got + " frames into the stream, decoder said " + frames + "\ninput " + p);
      tally.accepted();
    }
  }

  /** A valid flat or framed JSON array of 1..40 frames. */
  private static byte[] jsonArray(Random r) {
    int frames = 1 + r.nextInt(40);
    boolean nested = r.nextBoolean();
    StringBuilder sb = new StringBuilder("[");
    for (int f = 0; f < frames; f++) {
      if (f > 0) sb.append(',');
      if (nested) sb.append('[');
      for (int c = 0; c < 3; c++) {
        if (c > 0) sb.append(',');
        sb.append(number(r));
      }
      if (nested) sb.append(']');
    }
    return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A valid SenML pack: base name/time/unit on the first record, one record per channel sample. */
  private static byte[] senmlPack(Random r) {
    int frames = 1 + r.nextInt(12);
    StringBuilder sb = new StringBuilder("[");
    double bt = r.nextBoolean() ? 1.7e9 + r.nextInt(1_000_000) : r.nextInt(1000);
    for (int f = 0; f < frames; f++) {
      for (int c = 0; c < 3; c++) {
        sb.append(f + c == 0 ? "{" : ",{");
        if (f + c == 0) {
          sb.append("\"bn\":\"urn:dev:acc").append(r.nextBoolean() ? ":" : "/").append("\",\"bt\":").append(bt);
          if (r.nextBoolean()) sb.append(",\"bu\":\"").append(UNIT).append('"');
          sb.append(',');
        }
        sb.append("\"n\":\"").append(CHANNELS.get(c)).append("\",\"v\":").append(number(r));
        if (r.nextBoolean()) sb.append(",\"t\":").append(f * 0.001);
        if (r.nextInt(4) == 0) sb.append(",\"u\":\"").append(UNIT).append('"');
        sb.append('}');
      }
    }
    return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String number(Random r) {
    return switch (r.nextInt(6)) {
      case 0 -> Integer.toString(r.nextInt(2000) - 1000);
      case 1 -> Float.toString((float) r.nextGaussian());
      case 2 -> String.format("%.3e", r.nextGaussian() * 1e3);
      case 3 -> Double.toString(r.nextDouble());
      case 4 -> "-0";
      default -> Float.toString((float) (r.nextGaussian() * 1e30));
    };
  }

  /** Half the time a structural or byte-level mutation of the valid message, else the message itself. */
  private static Payload mutated(byte[] valid, Random r) {
    JsonMutator m = JsonMutator.of(valid);
    return switch (r.nextInt(10)) {
      case 0, 1, 2 -> m.structural(r);
      case 3, 4 -> m.textual(r);
      case 5 -> JsonMutator.randomBytes(r);
      default -> new Payload("valid", valid);
    };
  }

  /** Float32 LE frames with special values, lengths off by a few bytes, oversized, or random bytes. */
  private static Payload rawFloats(Random r) {
    float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE,
        -Float.MAX_VALUE, Float.MIN_VALUE, -0f, 0f};
    int floats = r.nextInt(8) == 0 ? r.nextInt(1200) : 3 * (1 + r.nextInt(60));
    ByteBuffer b = ByteBuffer.allocate(floats * 4).order(ByteOrder.LITTLE_ENDIAN);
    String how = floats % 3 == 0 ? "frames" : "partial-frame";
    for (int i = 0; i < floats; i++) {
      b.putFloat(r.nextInt(50) == 0 ? specials[r.nextInt(specials.length)] : (float) r.nextGaussian());
    }
    byte[] bytes = b.array();
    switch (r.nextInt(6)) {
      case 0 -> {
        bytes = java.util.Arrays.copyOf(bytes, Math.max(0, bytes.length + r.nextInt(7) - 3));
        how += " length±3";
      }
      case 1 -> {
        if (bytes.length > 0) bytes[r.nextInt(bytes.length)] ^= (byte) (1 << r.nextInt(8));
        how += " bitflip";
      }
      case 2 -> {
        return JsonMutator.randomBytes(r);
      }
      default -> { }
    }
    return new Payload(how, bytes);
  }

  /** A real pipeline (tiny-conv model) whose windows are released as they close, plus an oracle decoder. */
  private static final class Fixture {
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final LoadedModel model;
    final Pipeline pipeline;
    final PayloadDecoder oracle;
    final float[] scratch;

    Fixture(PayloadFormat format) throws Exception {
      ModelCard card = ModelCard.load(CARD);
      model = OrtModelLoader.of().load(card.modelPath(CARD), RunnerOptions.ofDefaults());
      AgentConfig.Pipeline pc = new AgentConfig.Pipeline("pump-1", "sensors/pump-1", format, CHANNELS, UNIT,
          card.input().sampleRateHz(), CARD.toAbsolutePath(), card.input().windowSize(), card.input().hop(), 50,
          MAX_PAYLOAD);
      MockClock clock = new MockClock();
      clock.add(1, TimeUnit.DAYS);
      pipeline = new Pipeline(0, "gw-1", pc, card, model, 1, 4, Window::release, new RecordingTransport(), 0,
          registry, clock);
      int maxFrames = Math.max(1, MAX_PAYLOAD / (2 * CHANNELS.size()));
      oracle = PayloadDecoder.of(format, CHANNELS, UNIT, maxFrames);
      scratch = new float[maxFrames * CHANNELS.size()];
    }

    long[] errors() {
      long[] out = new long[DecodeError.values().length];
      for (DecodeError k : DecodeError.values()) out[k.ordinal()] = pipeline.metrics.decodeErrors(k);
      return out;
    }

    void close() {
      pipeline.closeActive();
    }
  }
}
