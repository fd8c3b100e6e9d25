package io.edgeladder.agent.ingest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadDecoderTest {
  @Test
  void of_noChannels_rejected() {
    assertThatThrownBy(() -> PayloadDecoder.of(PayloadFormat.JSON, List.of(), null, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("decoder.channels must not be empty");
  }

  @Test
  void of_duplicateChannel_rejected() {
    assertThatThrownBy(() -> PayloadDecoder.of(PayloadFormat.RAW_F32LE, List.of("x", "y", "x"), null, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'x' repeats");
  }

  @Test
  void of_blankChannel_rejected() {
    assertThatThrownBy(() -> PayloadDecoder.of(PayloadFormat.JSON, Arrays.asList("x", " "), null, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
  }

  @Test
  void of_senmlChannelWithSeparator_rejected() {
    assertThatThrownBy(() -> PayloadDecoder.of(PayloadFormat.SENML, List.of("acc:x"), "m/s2", 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'acc:x'");
  }

  @Test
  void of_zeroMaxFrames_rejected() {
    assertThatThrownBy(() -> PayloadDecoder.of(PayloadFormat.JSON, List.of("x"), null, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("decoder.maxFrames must be > 0")
        .hasMessageContaining("was 0");
  }

  @Test
  void of_nullFormat_rejected() {
    assertThatThrownBy(() -> PayloadDecoder.of(null, List.of("x"), null, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("decoder.format");
  }
}
