package io.edgeladder.controller.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubscriptionsTest {

  @ParameterizedTest
  @CsvSource({
      "fleet/+/birth, fleet/gw-1/birth, true",
      "fleet/+/birth, fleet/gw-1/heartbeat, false",
      "fleet/+/birth, fleet/gw-1/birth/x, false",
      "fleet/+/birth, fleet//birth, true",
      "artifacts/#, artifacts/abc/0, true",
      "artifacts/#, artifacts, true",
      "artifacts/#, models/x/manifest, false",
      "#, fleet/a/b, true",
      "#, $SYS/broker, false",
      "+/a, $SYS/a, false",
      "a/b, a/b, true",
      "a/b, a/b/c, false",
      "a/b/c, a/b, false",
      "a/+, a, false",
  })
  void matches_followsMqttWildcards(String filter, String topic, boolean expected) {
    assertThat(Subscriptions.matches(filter, topic)).isEqualTo(expected);
  }

  @Test
  void handlers_everyMatchingSubscription_removedOnesGone() {
    Subscriptions s = new Subscriptions();
    MessageHandler births = (t, p, r) -> { };
    MessageHandler all = (t, p, r) -> { };
    Subscriptions.Entry allEntry = new Subscriptions.Entry("fleet/#", 1, all);
    s.add(new Subscriptions.Entry("fleet/+/birth", 1, births));
    s.add(allEntry);
    assertThat(s.handlers("fleet/gw/birth")).containsExactly(births, all);
    s.remove(allEntry);
    assertThat(s.handlers("fleet/gw/birth")).containsExactly(births);
    assertThat(s.handlers("sensors/x")).isEmpty();
    assertThat(s.all()).extracting(Subscriptions.Entry::filter).isEqualTo(List.of("fleet/+/birth"));
  }
}
