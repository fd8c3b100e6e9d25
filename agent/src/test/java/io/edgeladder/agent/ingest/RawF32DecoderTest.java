package io.edgeladder.agent.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawF32DecoderTest {
  private final PayloadDecoder decoder = PayloadDecoder.of(PayloadFormat.RAW_F32LE, List.of("x", "y", "z"), null, 4);
  private final float[] scratch = new float[12];

  static byte[] raw(float... values) {
    ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      buf.putFloat(v);
    }
    return buf.array();
  }

  @Test
  void decode_twoFrames_returnsInterleavedValues() throws Exception {
    int n = decoder.decode(raw(1f, -2.5f, 3e-7f, 9.81f, 0f, -0f), scratch);

    assertThat(n).isEqualTo(2);
    assertThat(scratch).startsWith(1f, -2.5f, 3e-7f, 9.81f, 0f, -0f);
    assertThat(decoder.lastBaseTimeMillis()).isEqualTo(PayloadDecoder.NO_TIME);
  }

  @Test
  void decode_littleEndianBytes_decodedBitExact() throws Exception {
    // 1.0f = 0x3f800000, 2.0f = 0x40000000, -1.0f = 0xbf800000, little-endian on the wire
    byte[] payload = {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, 0x40, 0, 0, (byte) 0x80, (byte) 0xbf};

    assertThat(decoder.decode(payload, scratch)).isEqualTo(1);
    assertThat(scratch).startsWith(1f, 2f, -1f);
  }

  @Test
  void decode_maxFrames_accepted() throws Exception {
    assertThat(decoder.decode(raw(new float[12]), scratch)).isEqualTo(4);
  }

  @Test
  void decode_empty_wrongLength() {
    assertRejected(new byte[0], DecodeError.WRONG_LENGTH, "0 bytes");
  }

  @Test
  void decode_partialFrame_wrongLength() {
    assertRejected(raw(1f, 2f, 3f, 4f), DecodeError.WRONG_LENGTH, "16 bytes is not a positive multiple of 12");
  }

  @Test
  void decode_partialFloat_wrongLength() {
    assertRejected(new byte[13], DecodeError.WRONG_LENGTH, "13 bytes");
  }

  @Test
  void decode_nan_nonFinite() {
    assertRejected(raw(1f, 2f, 3f, 4f, Float.NaN, 6f), DecodeError.NON_FINITE, "value 4 is NaN");
  }

  @Test
  void decode_infinity_nonFinite() {
    assertRejected(raw(Float.NEGATIVE_INFINITY, 2f, 3f), DecodeError.NON_FINITE, "value 0 is infinite");
  }

  @Test
  void decode_moreThanMaxFrames_oversized() {
    assertRejected(raw(new float[15]), DecodeError.OVERSIZED, "5 frames but at most 4");
  }

  @Test
  void decode_scratchTooSmall_illegalArgument() {
    assertThatThrownBy(() -> decoder.decode(raw(1f, 2f, 3f), new float[11]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("12 floats but has 11");
  }

  private void assertRejected(byte[] payload, DecodeError kind, String message) {
    assertThatThrownBy(() -> decoder.decode(payload, scratch))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.kind()).isEqualTo(kind))
        .hasMessageContaining(message);
  }
}
