package io.edgeladder.agent.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonArrayDecoderTest {
  private final PayloadDecoder decoder = PayloadDecoder.of(PayloadFormat.JSON, List.of("x", "y", "z"), null, 4);
  private final float[] scratch = new float[12];

  private int decode(String json) throws DecodeException {
    return decoder.decode(json.getBytes(UTF_8), scratch);
  }

  @Test
  void decode_flatArray_interleavedFrames() throws Exception {
    assertThat(decode("[1,2,3,4.5,-5,6e1]")).isEqualTo(2);
    assertThat(scratch).startsWith(1f, 2f, 3f, 4.5f, -5f, 60f);
  }

  @Test
  void decode_frameArrays_interleavedFrames() throws Exception {
    assertThat(decode("[[0.1,0.2,0.3],[-1E-3,2e+2,-0]]")).isEqualTo(2);
    assertThat(scratch).startsWith(0.1f, 0.2f, 0.3f, -0.001f, 200f, -0f);
  }

  @Test
  void decode_whitespaceEverywhere_accepted() throws Exception {
    assertThat(decode(" \t\r\n[ [ 1 ,\n2\t, 3 ] ,\r\n [4,5,6 ] ] \n")).isEqualTo(2);
    assertThat(scratch).startsWith(1f, 2f, 3f, 4f, 5f, 6f);
  }

  @Test
  void decode_maxFrames_accepted() throws Exception {
    assertThat(decode("[1,2,3,4,5,6,7,8,9,10,11,12]")).isEqualTo(4);
    assertThat(scratch[11]).isEqualTo(12f);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "0|0", "-0.0|-0.0", "9.81|9.81", "-273.15|-273.15", "1e3|1000", "1E-3|0.001", "2.5e+2|250",
    "0.000123|0.000123", "123456789012345678901234|1.2345679E23", "1e-50|0", "3.4028234e38|3.4028234E38",
    "0.1e1|1", "100000000000000000000000000000e-28|10"
  })
  void decode_numberForms_parsedLikeJava(String literal, float expected) throws Exception {
    assertThat(decode("[" + literal + ",0,0]")).isEqualTo(1);
    assertThat(scratch[0]).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", " ", "[", "]", "[1,2,3", "[1,2,3,]", "[,1,2,3]", "[1 2 3]", "[1,2,3]]", "[1,2,3] x", "{\"a\":1}",
    "[01,2,3]", "[+1,2,3]", "[.5,2,3]", "[1.,2,3]", "[1e,2,3]", "[1e+,2,3]", "[-,2,3]", "[0x1,2,3]",
    "[1,2,\"3\"]", "[true,2,3]", "[null,2,3]", "[[1,2,3],4,5,6]", "[1,2,3,[4,5,6]]", "[[1,2,3]4]",
    "[[1,2,3],]", "[1,2,3]\u0000", "[1,2,3.4.5]", "[-NaN,1,2]", "[Inf,1,2]", "[nan,1,2]", "[1,2,3],[4,5,6]"
  })
  void decode_malformed_rejectedAsMalformed(String json) {
    assertRejected(json, DecodeError.MALFORMED, "JSON payload");
  }

  @Test
  void decode_malformed_messageNamesBytePosition() {
    assertRejected("[1,2;3]", DecodeError.MALFORMED, "expected ']' at byte 4 but found ';'");
  }

  @Test
  void decode_emptyArray_wrongLength() {
    assertRejected(" [ ] ", DecodeError.WRONG_LENGTH, "empty array");
  }

  @Test
  void decode_flatNotMultipleOfChannels_wrongLength() {
    assertRejected("[1,2,3,4]", DecodeError.WRONG_LENGTH, "4 values is not a multiple of 3 channels");
  }

  @Test
  void decode_shortFrame_wrongLength() {
    assertRejected("[[1,2,3],[4,5]]", DecodeError.WRONG_LENGTH, "frame 1 has 2 values");
  }

  @Test
  void decode_longFrame_wrongLength() {
    assertRejected("[[1,2,3,4]]", DecodeError.WRONG_LENGTH, "frame 0 has more than 3 values");
  }

  @Test
  void decode_emptyFrame_wrongLength() {
    assertRejected("[[]]", DecodeError.WRONG_LENGTH, "frame 0 has 0 values");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "[1,2,3,4,NaN,6]|value 4 is NaN",
    "[[1,2,3],[Infinity,5,6]]|value 3 is infinite",
    "[1,-Infinity,3]|value 1 is infinite",
    "[1,2,1e39]|value 2 is infinite",
    "[1,2,-1e400]|value 2 is infinite"
  })
  void decode_nonFinite_rejected(String json, String message) {
    assertRejected(json, DecodeError.NON_FINITE, message);
  }

  @Test
  void decode_flatOverMaxFrames_oversized() {
    assertRejected("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15]", DecodeError.OVERSIZED, "more than 4 frames");
  }

  @Test
  void decode_framesOverMaxFrames_oversized() {
    assertRejected("[[1,2,3],[1,2,3],[1,2,3],[1,2,3],[1,2,3]]", DecodeError.OVERSIZED, "more than 4 frames");
  }

  private void assertRejected(String json, DecodeError kind, String message) {
    assertThatThrownBy(() -> decode(json))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.kind()).isEqualTo(kind))
        .hasMessageContaining(message);
  }
}
