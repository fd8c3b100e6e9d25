package io.edgeladder.controller.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.controller.store.fleet.AgentStatus;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusPayloadTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "online|ONLINE",
      "offline|OFFLINE",
      " Online |ONLINE",
      "{\"state\":\"online\"}|ONLINE",
      "{ \"state\" : \"offline\" }|OFFLINE",
      "sleepy|",
      "{\"state\":\"sleepy\"}|",
      "{\"status\":\"online\"}|",
  })
  void parse_protocolAndLegacyJsonForms(String payload, AgentStatus expected) {
    assertThat(StatusPayload.parse(payload.getBytes(StandardCharsets.UTF_8))).isEqualTo(Optional.ofNullable(expected));
  }
}
