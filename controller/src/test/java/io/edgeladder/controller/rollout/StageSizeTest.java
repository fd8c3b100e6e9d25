package io.edgeladder.controller.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StageSizeTest {
  @Test
  void parse_countsAndPercents_roundTripThroughToString() {
    assertThat(StageSize.parse("3")).isEqualTo(StageSize.count(3));
    assertThat(StageSize.parse(" 25% ")).isEqualTo(StageSize.percent(25));
    assertThat(StageSize.parse("12.5 %")).isEqualTo(StageSize.percent(12.5));
    assertThat(StageSize.percent(12.5).toString()).isEqualTo("12.5%");
    assertThat(StageSize.parse(StageSize.percent(12.5).toString())).isEqualTo(StageSize.percent(12.5));
    assertThat(StageSize.count(7).toString()).isEqualTo("7");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "2.5", "%", "1e3"})
  void parse_notANumber_namesTheText(String text) {
    assertThatThrownBy(() -> StageSize.parse(text))
        .hasMessage("stage size must be a count like 3 or a percent like 25% but was '" + text + "'");
  }

  @Test
  void constructor_outOfRange_rejected() {
    assertThatThrownBy(() -> StageSize.parse("0"))
        .hasMessage("stage size count must be a whole number >= 1 but was 0.0");
    assertThatThrownBy(() -> StageSize.parse("101%"))
        .hasMessage("stage size percent must be in (0, 100] but was 101.0");
    assertThatThrownBy(() -> StageSize.percent(0)).hasMessageContaining("(0, 100]");
  }

  @Test
  void resolve_countCappedPercentRoundedUp() {
    assertThat(StageSize.count(5).resolve(3)).isEqualTo(3);
    assertThat(StageSize.percent(1).resolve(10)).isEqualTo(1);
    assertThat(StageSize.percent(50).resolve(10)).isEqualTo(5);
    assertThat(StageSize.percent(50).resolve(9)).isEqualTo(5);
    assertThat(StageSize.percent(30).resolve(10)).as("no float noise above 3").isEqualTo(3);
    assertThat(StageSize.percent(100).resolve(0)).isZero();
  }
}
