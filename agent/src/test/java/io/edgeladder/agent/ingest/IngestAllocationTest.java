package io.edgeladder.agent.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hot path (decode + append, windows cut and released) allocates nothing in steady state. A byte
 * count from the JVM's per-thread allocation counter, not a timing, so it is stable in a unit test.
 */
class IngestAllocationTest {
  private static final int FRAMES = 25; // 40 messages/s of 25 frames = a 1 kHz, 3-axis stream
  private static final int WARMUP = 30_000;
  private static final int MEASURED = 10_000;
  private static final double MAX_BYTES_PER_CALL = 16;
  private static final List<String> CHANNELS = List.of("x", "y", "z");

  private static com.sun.management.ThreadMXBean threads;

  @BeforeAll
  static void allocationCounter() {
    threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    threads.setThreadAllocatedMemoryEnabled(true);
  }

  @Test
  void decodeAndAppend_raw_allocatesNothing() throws Exception {
    float[] values = new float[FRAMES * 3];
    for (int i = 0; i < values.length; i++) {
      values[i] = i * 0.37f - 9;
    }
    assertThat(bytesPerCall(PayloadFormat.RAW_F32LE, RawF32DecoderTest.raw(values))).isLessThan(MAX_BYTES_PER_CALL);
  }

  @Test
  void decodeAndAppend_json_allocatesNothing() throws Exception {
    StringBuilder json = new StringBuilder("[");
    for (int f = 0; f < FRAMES; f++) {
      json.append(f == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.4f, %.3e, -%d.125]", f * 0.37, f * 1e-3, f));
    }
    byte[] payload = json.append(']').toString().getBytes(UTF_8);
    assertThat(bytesPerCall(PayloadFormat.JSON, payload)).isLessThan(MAX_BYTES_PER_CALL);
  }

  @Test
  void decodeAndAppend_senml_allocatesNothing() throws Exception {
    StringBuilder json = new StringBuilder("[{\"bn\":\"urn:dev:mac:0024befffe804ff1:acc/\",\"bt\":1.712e9,\"bu\":\"m/s2\",");
    for (int f = 0; f < FRAMES; f++) {
      for (String c : CHANNELS) {
        json.append(f == 0 && c.equals("x") ? "" : ",{")
            .append(String.format(Locale.ROOT, "\"n\":\"%s\",\"v\":%.4f,\"t\":%.3f}", c, f * 0.37 - 2, f * 0.001));
      }
    }
    byte[] payload = json.append(']').toString().getBytes(UTF_8);
    assertThat(bytesPerCall(PayloadFormat.SENML, payload)).isLessThan(MAX_BYTES_PER_CALL);
  }

  private static double bytesPerCall(PayloadFormat format, byte[] payload) throws DecodeException {
    PayloadDecoder decoder = PayloadDecoder.of(format, CHANNELS, "m/s2", 64);
    float[] scratch = new float[64 * 3];
    StreamWindower windower = new StreamWindower(0, 3, 100, 50, new float[] {0, 1, 2}, new float[] {1, 2, 3},
        1000, new WindowPool(4, 300), Window::release, 50_000_000L);
    run(decoder, scratch, windower, payload, WARMUP);
    long cutBefore = windower.windowsCut();
    long before = threads.getCurrentThreadAllocatedBytes();
    run(decoder, scratch, windower, payload, MEASURED);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(windower.windowsCut() - cutBefore).as("windows cut while measuring").isEqualTo(MEASURED * FRAMES / 50);
    double perCall = (double) allocated / MEASURED;
    System.out.printf(Locale.ROOT, "%s: %d bytes over %d decode+append calls = %.3f bytes/call%n",
        format, allocated, MEASURED, perCall);
    return perCall;
  }

  private static void run(PayloadDecoder decoder, float[] scratch, StreamWindower windower, byte[] payload, int n)
      throws DecodeException {
    for (int i = 0; i < n; i++) {
      int frames = decoder.decode(payload, scratch);
      windower.append(scratch, frames, i, i);
    }
  }
}
