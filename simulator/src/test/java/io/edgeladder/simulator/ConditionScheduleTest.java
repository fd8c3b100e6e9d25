package io.edgeladder.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConditionScheduleTest {

  @Test
  void cycle_tenSeconds_holdsEachConditionThenMovesOn() {
    ConditionSchedule s = ConditionSchedule.parse("cycle:10s");
    assertThat(s.at(0, 0)).isEqualTo(Condition.HEALTHY);
    assertThat(s.at(0, 9_999)).isEqualTo(Condition.HEALTHY);
    assertThat(s.at(0, 10_000)).isEqualTo(Condition.IMBALANCE);
    assertThat(s.at(0, 49_999)).isEqualTo(Condition.LOOSENESS);
    assertThat(s.at(0, 50_000)).isEqualTo(Condition.HEALTHY);
  }

  @Test
  void cycle_secondMachine_startsOneConditionFurther() {
    ConditionSchedule s = ConditionSchedule.cycle(Duration.ofMillis(500));
    assertThat(s.at(1, 0)).isEqualTo(Condition.IMBALANCE);
    assertThat(s.at(4, 500)).isEqualTo(Condition.HEALTHY);
  }

  @Test
  void fixed_anyMachineAnyTime_sameCondition() {
    ConditionSchedule s = ConditionSchedule.parse("fixed:imbalance");
    assertThat(s.at(0, 0)).isEqualTo(Condition.IMBALANCE);
    assertThat(s.at(7, 1_000_000)).isEqualTo(Condition.IMBALANCE);
  }

  @Test
  void parse_badText_namesIt() {
    assertThatThrownBy(() -> ConditionSchedule.parse("random")).hasMessageContaining("'random'");
    assertThatThrownBy(() -> ConditionSchedule.parse("cycle:soon")).hasMessageContaining("'soon'");
    assertThatThrownBy(() -> ConditionSchedule.parse("cycle:0s")).hasMessageContaining("> 0");
    assertThatThrownBy(() -> ConditionSchedule.parse("fixed:rusty")).hasMessageContaining("'rusty'");
  }

  @Test
  void durations_parse_unitsAndIso() {
    assertThat(Durations.parse("d", "250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("d", "2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("d", "PT3S")).isEqualTo(Duration.ofSeconds(3));
  }
}
