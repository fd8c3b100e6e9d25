package io.edgeladder.agent.transport.paho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicFilterTest {

  @ParameterizedTest(name = "{0} ~ {1} -> {2}")
  @CsvSource({
    "sensors/a/temp, sensors/a/temp, true",
    "sensors/a/temp, sensors/a/tem, false",
    "sensors/a/temp, sensors/a/temp/x, false",
    "sensors/a, sensors/a/temp, false",
    "sensors/+/temp, sensors/a/temp, true",
    "sensors/+/temp, sensors/a/b/temp, false",
    "sensors/+/temp, sensors//temp, true",
    "sensors/+, sensors/a, true",
    "sensors/+, sensors, false",
    "sensors/+, sensors/, true",
    "sensors/#, sensors, true",
    "sensors/#, sensors/a/b/c, true",
    "sensors/#, sensorsX/a, false",
    "#, sensors/a, true",
    "+/+, /a, true",
    "+, a/b, false",
    "#, $SYS/broker, false",
    "+/broker, $SYS/broker, false",
    "$SYS/#, $SYS/broker, true",
    "a/+/c/#, a/b/c, true",
    "a/+/c/#, a/b/d, false",
  })
  void matches_filterAndTopic_followsMqttRules(String filter, String topic, boolean expected) {
    assertThat(TopicFilter.parse(filter).matches(topic)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/#/b", "a#", "a/b+", "+a/b", "##"})
  void parse_misplacedWildcard_namesTheFilter(String filter) {
    assertThatThrownBy(() -> TopicFilter.parse(filter))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("topic filter '" + filter + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {""})
  void parse_empty_rejected(String filter) {
    assertThatThrownBy(() -> TopicFilter.parse(filter)).hasMessage("topic filter must not be empty");
  }
}
