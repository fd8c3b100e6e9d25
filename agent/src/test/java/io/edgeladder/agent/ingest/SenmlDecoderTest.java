package io.edgeladder.agent.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SenmlDecoderTest {
  private final PayloadDecoder decoder = PayloadDecoder.of(PayloadFormat.SENML, List.of("x", "y", "z"), "m/s2", 4);
  private final float[] scratch = new float[12];

  private int decode(String json) throws DecodeException {
    return decoder.decode(json.replace('\'', '"').getBytes(UTF_8), scratch);
  }

  @Test
  void decode_basePack_framesInRecordOrder() throws Exception {
    int n = decode("[{'bn':'urn:dev:ow:10e2073a01080063:acc/','bt':1.7e9,'bu':'m/s2','n':'x','v':0.5},"
        + "{'n':'y','v':-1.25},{'n':'z','v':9.81},"
        + "{'n':'x','v':1,'t':0.02},{'n':'y','v':2,'t':0.02},{'n':'z','v':3e0,'t':0.02}]");

    assertThat(n).isEqualTo(2);
    assertThat(scratch).startsWith(0.5f, -1.25f, 9.81f, 1f, 2f, 3f);
    assertThat(decoder.lastBaseTimeMillis()).isEqualTo(1_700_000_000_000L);
    assertThat(decoder.lastSampleTimeMillis()).isEqualTo(1_700_000_000_020L);
  }

  @Test
  void decode_namesWithoutBaseName_matchLastSegment() throws Exception {
    assertThat(decode("[{'n':'dev1:x','u':'m/s2','v':1},{'n':'a/b/y','v':2},{'n':'z','v':3}]")).isEqualTo(1);
    assertThat(scratch).startsWith(1f, 2f, 3f);
  }

  @Test
  void decode_channelSplitAcrossBaseNameAndName_matches() throws Exception {
    PayloadDecoder d = PayloadDecoder.of(PayloadFormat.SENML, List.of("acc_x", "acc_y"), null, 2);
    int n = d.decode("[{\"bn\":\"dev7:acc_\",\"n\":\"x\",\"v\":1},{\"n\":\"y\",\"v\":2}]".getBytes(UTF_8), scratch);
    assertThat(n).isEqualTo(1);
    assertThat(scratch).startsWith(1f, 2f);
  }

  @Test
  void decode_escapedNamesAndIgnoredFields_accepted() throws Exception {
    int n = decode("[{'bver':10,'bn':'d\\u0065v\\/','n':'\\u0078','v':1,'ut':5,'s':3,'custom':{'a':[1,true,null]}},"
        + "{'n':'y','v':2},{'n':'z','v':3}]");
    assertThat(n).isEqualTo(1);
    assertThat(scratch).startsWith(1f, 2f, 3f);
  }

  @Test
  void decode_baseOnlyRecord_contributesNoSample() throws Exception {
    assertThat(decode("[{'bn':'d:','bt':1.7e9},{'n':'x','v':1},{'n':'y','v':2},{'n':'z','v':3}]")).isEqualTo(1);
    assertThat(decoder.lastBaseTimeMillis()).isEqualTo(1_700_000_000_000L);
  }

  @Test
  void decode_noUnitsAndRelativeTime_acceptedWithoutTime() throws Exception {
    assertThat(decode("[{'n':'x','v':1,'t':-0.5},{'n':'y','v':2},{'n':'z','v':3}]")).isEqualTo(1);
    assertThat(decoder.lastBaseTimeMillis()).isEqualTo(PayloadDecoder.NO_TIME);
    assertThat(decoder.lastSampleTimeMillis()).isEqualTo(PayloadDecoder.NO_TIME);
  }

  @Test
  void decode_anyUnitWhenNoneConfigured_accepted() throws Exception {
    PayloadDecoder d = PayloadDecoder.of(PayloadFormat.SENML, List.of("x"), null, 4);
    assertThat(d.decode("[{\"n\":\"x\",\"u\":\"g\",\"v\":1}]".getBytes(UTF_8), scratch)).isEqualTo(1);
  }

  @Test
  void decode_afterRejection_timesCleared() throws Exception {
    decode("[{'bt':1.7e9,'n':'x','v':1},{'n':'y','v':2},{'n':'z','v':3}]");
    assertThatThrownBy(() -> decode("[{'bt':1.8e9,'n':'x','v':1}"));
    assertThat(decoder.lastBaseTimeMillis()).isEqualTo(PayloadDecoder.NO_TIME);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", "{}", "[", "['x']", "[{'n':'x','v':1}", "[{'n':'x' 'v':1}]", "[{'n':x,'v':1}]", "[{n:'x','v':1}]",
    "[{'n':'x','v':'1'}]", "[{'n':'x','vs':'on'}]", "[{'n':'x','vb':true}]", "[{'n':'x','vd':'AA'}]",
    "[{'n':'x','v':1,'n':'y'}]", "[{'n':'x','v':1,'x_':2}]", "[{'n':'x','v':1,'bt':NaN}]",
    "[{'n':'x','v':1,'vs':'a'}]", "[{'n':'\\q','v':1}]", "[{'n':'\\ud800','v':1}]", "[{'n':'\u0001','v':1}]",
    "[{'n':'x','v':1,'o':[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}]",
    "[{'n':'x','v':1}] []", "[{'n':'x','v':1},]"
  })
  void decode_malformed_rejectedAsMalformed(String json) {
    assertRejected(json, DecodeError.MALFORMED, "SenML payload");
  }

  @Test
  void decode_utf8Names_matchedAndInvalidUtf8Rejected() throws Exception {
    PayloadDecoder d = PayloadDecoder.of(PayloadFormat.SENML, List.of("température", "ü"), null, 1);
    byte[] ok = "[{\"n\":\"température\",\"v\":1},{\"n\":\"\\u00fc\",\"v\":2}]".getBytes(UTF_8);
    assertThat(d.decode(ok, scratch)).isEqualTo(1);
    byte[] bad = "[{\"n\":\"x\",\"v\":1}]".getBytes(UTF_8);
    bad[7] = (byte) 0xc0; // an overlong lead byte in place of the name x
    assertThatThrownBy(() -> d.decode(bad, scratch)).hasMessageContaining("invalid UTF-8 at byte 7");
  }

  @Test
  void decode_stringValue_messageNamesRecordAndField() {
    assertRejected("[{'n':'x','v':1},{'n':'y','vs':'a'}]", DecodeError.MALFORMED, "record 1 carries 'vs'");
  }

  @Test
  void decode_recordUnitDiffers_wrongUnit() {
    assertRejected("[{'bu':'m/s2','n':'x','v':1},{'n':'y','v':2},{'n':'z','v':3},{'n':'x','u':'g','v':1}]",
        DecodeError.WRONG_UNIT, "record 3 has unit 'g' but pipeline expects 'm/s2'");
  }

  @Test
  void decode_baseUnitDiffers_wrongUnit() {
    assertRejected("[{'bu':'g','n':'x','v':1},{'n':'y','v':2},{'n':'z','v':3}]",
        DecodeError.WRONG_UNIT, "record 0 has unit 'g'");
  }

  @Test
  void decode_unknownName_wrongName() {
    assertRejected("[{'bn':'dev:','n':'x','v':1},{'n':'w','v':2},{'n':'z','v':3}]",
        DecodeError.WRONG_NAME, "record 1 has name 'dev:w' which is not a channel of [x, y, z]");
  }

  @Test
  void decode_outOfOrder_wrongName() {
    assertRejected("[{'n':'x','v':1},{'n':'z','v':2},{'n':'y','v':3}]",
        DecodeError.WRONG_NAME, "record 1 is channel 'z' but 'y' was expected");
  }

  @Test
  void decode_missingName_wrongName() {
    assertRejected("[{'v':1},{'n':'y','v':2},{'n':'z','v':3}]", DecodeError.WRONG_NAME, "record 0 has name ''");
  }

  @Test
  void decode_channelsNotEquallyRepresented_wrongName() {
    assertRejected("[{'n':'x','v':1},{'n':'y','v':2},{'n':'z','v':3},{'n':'x','v':4}]",
        DecodeError.WRONG_NAME, "4 samples for 3 channels");
  }

  @Test
  void decode_nanValue_nonFinite() {
    assertRejected("[{'n':'x','v':1},{'n':'y','v':NaN},{'n':'z','v':3}]", DecodeError.NON_FINITE,
        "record 1 value is NaN");
  }

  @Test
  void decode_floatOverflow_nonFinite() {
    assertRejected("[{'n':'x','v':-1e300},{'n':'y','v':2},{'n':'z','v':3}]", DecodeError.NON_FINITE,
        "record 0 value is infinite");
  }

  @Test
  void decode_moreThanMaxFrames_oversized() {
    String frame = "{'n':'x','v':1},{'n':'y','v':2},{'n':'z','v':3}";
    assertRejected("[" + String.join(",", frame, frame, frame, frame, frame) + "]", DecodeError.OVERSIZED,
        "more than 4 frames");
  }

  @Test
  void decode_emptyPack_wrongLength() {
    assertRejected("[]", DecodeError.WRONG_LENGTH, "no records");
    assertRejected("[{'bn':'d:'}]", DecodeError.WRONG_LENGTH, "no records");
  }

  private void assertRejected(String json, DecodeError kind, String message) {
    assertThatThrownBy(() -> decode(json))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.kind()).isEqualTo(kind))
        .hasMessageContaining(message);
  }
}
