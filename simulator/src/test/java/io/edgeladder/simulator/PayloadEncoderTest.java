package io.edgeladder.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadEncoderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FRAMES = 64;
  private static final double FS = 10_000;
  private static final double VALUE_TOLERANCE = 0.5e-5 + 1e-9;

  private static float[] samples() {
    float[] s = new float[3 * FRAMES];
    VibrationSource.of(11, FS).condition(Condition.LOOSENESS).next(s, FRAMES);
    s[0] = -0.000001f; // rounds to zero: must not become "-0"
    s[1] = 123.456789f;
    s[2] = -7f;
    return s;
  }

  private static JsonNode parse(PayloadEncoder e) throws Exception {
    return JSON.readTree(new String(e.bytes(), 0, e.size(), StandardCharsets.US_ASCII));
  }

  @Test
  void encode_raw_littleEndianFloatsRoundTripExactly() {
    float[] s = samples();
    PayloadEncoder e = PayloadFormat.RAW.newEncoder();
    int size = e.encode(s, FRAMES, "pump-1", 0, FS);
    assertThat(size).isEqualTo(FRAMES * 12);
    ByteBuffer b = ByteBuffer.wrap(e.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 3 * FRAMES; i++) {
      assertThat(b.getFloat()).isEqualTo(s[i]);
    }
  }

  @Test
  void encode_json_flatInterleavedArrayRoundTrips() throws Exception {
    float[] s = samples();
    PayloadEncoder e = PayloadFormat.JSON.newEncoder();
    e.encode(s, FRAMES, "pump-1", 0, FS);
    JsonNode array = parse(e);
    assertThat(array.isArray()).isTrue();
    assertThat(array.size()).isEqualTo(3 * FRAMES);
    for (int i = 0; i < 3 * FRAMES; i++) {
      assertThat(array.get(i).asDouble()).isCloseTo(s[i], within(VALUE_TOLERANCE));
    }
    String text = new String(e.toByteArray(), StandardCharsets.US_ASCII);
    assertThat(text).startsWith("[0,123.45679,-7,").doesNotContain("-0,");
  }

  @Test
  void encode_senml_basedFirstRecordThenOneRecordPerChannelSample() throws Exception {
    float[] s = samples();
    PayloadEncoder e = PayloadFormat.SENML.newEncoder();
    long epochMillis = 1_700_000_000_042L;
    e.encode(s, FRAMES, "pump-\"7\"", epochMillis, FS);
    JsonNode pack = parse(e);
    assertThat(pack.size()).isEqualTo(3 * FRAMES);
    JsonNode first = pack.get(0);
    assertThat(first.get("bn").asText()).isEqualTo("pump-\"7\":");
    assertThat(first.get("bt").asDouble()).isCloseTo(1_700_000_000.042, within(1e-6));
    assertThat(first.get("bu").asText()).isEqualTo("m/s2");
    String[] names = {"x", "y", "z"};
    for (int i = 0; i < 3 * FRAMES; i++) {
      JsonNode r = pack.get(i);
      assertThat(r.get("n").asText()).isEqualTo(names[i % 3]);
      assertThat(r.get("v").asDouble()).isCloseTo(s[i], within(VALUE_TOLERANCE));
      assertThat(r.get("t").asDouble()).isCloseTo((i / 3) / FS, within(1e-9));
      if (i > 0) {
        assertThat(r.has("bn") || r.has("bt") || r.has("bu")).isFalse();
      }
    }
  }

  @Test
  void encode_reusedEncoder_overwritesPreviousMessage() throws Exception {
    PayloadEncoder e = PayloadFormat.JSON.newEncoder();
    e.encode(samples(), FRAMES, "m", 0, FS);
    e.encode(new float[] {1, 2, 3}, 1, "m", 0, FS);
    assertThat(new String(e.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("[1,2,3]");
  }

  @Test
  void decimal_edgeCases_validJsonNumbers() {
    ByteSink sink = new ByteSink(16);
    sink.decimal(-0.000001, 5).put(' ').decimal(12.5, 5).put(' ').decimal(-3, 5).put(' ')
        .decimal(0.000015, 5).put(' ').decimal(Double.NaN, 5).put(' ').decimal(1e7 + 0.25, 7);
    assertThat(new String(sink.toByteArray(), StandardCharsets.US_ASCII))
        .isEqualTo("0 12.5 -3 0.00002 0 10000000.25");
  }

  @Test
  void format_of_acceptsAnyCaseAndNamesBadValue() {
    assertThat(PayloadFormat.of("SenML")).isEqualTo(PayloadFormat.SENML);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PayloadFormat.of("xml"))
        .hasMessageContaining("'xml'");
  }
}
