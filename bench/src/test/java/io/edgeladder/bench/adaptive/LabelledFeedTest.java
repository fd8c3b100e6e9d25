package io.edgeladder.bench.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.simulator.Condition;
import org.junit.jupiter.api.Test;

class LabelledFeedTest {
  private static final double[] NOISE = {0.5, 1.0};

  @Test
  void closingMessage_sixteenWindowsPerMessage_firstMessageClosesOneThenSixteenEach() {
    LabelledFeed f = new LabelledFeed(1024, 1024, 64, 5, 4, NOISE, 1);
    assertThat(f.closingMessage(0)).isZero();
    assertThat(f.closingMessage(1)).isEqualTo(1);
    assertThat(f.closingMessage(16)).isEqualTo(1);
    assertThat(f.closingMessage(17)).isEqualTo(2);
    assertThat(f.windowsThrough(0)).isEqualTo(1);
    assertThat(f.windowsThrough(1)).isEqualTo(17);
    assertThat(f.windowsThrough(9)).isEqualTo(145);
  }

  @Test
  void windowsThrough_halfWindowMessages_firstMessageClosesNone() {
    LabelledFeed f = new LabelledFeed(512, 1024, 512, 5, 64, new double[] {0.02, 0.3}, 1);
    assertThat(f.windowsThrough(0)).isZero();
    assertThat(f.windowsThrough(1)).isEqualTo(1);
    assertThat(f.closingMessage(0)).isEqualTo(1);
    assertThat(f.closingMessage(41)).isEqualTo(42);
  }

  @Test
  void label_windowsInsideOneSegment_carryItsConditionAndStraddlingOnesNone() {
    LabelledFeed f = new LabelledFeed(1024, 1024, 64, 5, 4, NOISE, 1);
    // Segment 0 = messages 0..3 (healthy), segment 1 = messages 4..7 (imbalance).
    assertThat(f.label(0)).isEqualTo(Condition.HEALTHY.index());
    assertThat(f.label(f.windowsThrough(3) - 1)).isEqualTo(Condition.HEALTHY.index());
    assertThat(f.label(f.windowsThrough(3))).isEqualTo(-1);
    assertThat(f.label(f.windowsThrough(4) - 1)).isEqualTo(Condition.IMBALANCE.index());
    assertThat(f.condition(4)).isEqualTo(Condition.IMBALANCE);
    // The cycle of 5 segments x 4 messages repeats.
    assertThat(f.condition(20)).isEqualTo(Condition.HEALTHY);
    assertThat(f.payload(20)).isSameAs(f.payload(0));
  }

  @Test
  void payload_rawFloat32OfThreeAxes() {
    LabelledFeed f = new LabelledFeed(1024, 1024, 64, 5, 4, NOISE, 1);
    assertThat(f.payloadBytes()).isEqualTo(1024 * 3 * Float.BYTES);
    assertThat(f.payload(1)).isNotEqualTo(f.payload(0));
  }

  @Test
  void constructor_segmentShorterThanAWindow_rejected() {
    assertThatThrownBy(() -> new LabelledFeed(256, 1024, 64, 5, 2, NOISE, 1))
        .hasMessageContaining("segmentMessages=2");
    assertThatThrownBy(() -> new LabelledFeed(1024, 1024, 64, 5, 4, new double[] {1, 0.5}, 1))
        .hasMessageContaining("noise");
  }
}
