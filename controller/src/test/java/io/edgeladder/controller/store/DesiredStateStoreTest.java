package io.edgeladder.controller.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.controller.store.desired.AgentState;
import io.edgeladder.controller.store.desired.ApplyState;
import io.edgeladder.controller.store.desired.DesiredRecord;
import io.edgeladder.controller.store.desired.DesiredStateStore;
import io.edgeladder.controller.store.desired.ReportedRecord;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(TestBackend.class)
class DesiredStateStoreTest extends StoreTestBase {
  DesiredStateStoreTest(TestBackend backend) {
    super(backend);
  }

  private DesiredStateStore states() {
    return store.desiredStates();
  }

  private static ReportedRecord report(String agent, long version, ApplyState state, int second) {
    return new ReportedRecord(agent, version, state, "{\"v\":" + version + "}", T0.plusSeconds(second));
  }

  @Test
  void issue_versionsIncreaseFromOneAndPayloadCarriesIt() {
    DesiredRecord first = states().issue("pump-1", v -> "{\"version\":" + v + "}");
    clock.advance(Duration.ofSeconds(1));
    DesiredRecord second = states().issue("pump-1", v -> "{\"version\":" + v + "}");

    assertThat(first.version()).isEqualTo(1);
    assertThat(second.version()).isEqualTo(2);
    assertThat(second.json()).isEqualTo("{\"version\":2}");
    assertThat(states().get("pump-1").orElseThrow().desired()).hasValue(second);
    assertThat(states().issue("pump-2", v -> "{}").version()).isEqualTo(1);
  }

  @Test
  void issue_afterAgentReportedHigherVersion_outranksIt() {
    // A controller with a fresh database: the agent already applied version 41 from the old one.
    states().report(report("pump-1", 41, ApplyState.APPLIED, 0));

    assertThat(states().issue("pump-1", v -> "{}").version()).isEqualTo(42);
  }

  @Test
  void report_olderVersionOrOlderTime_ignored() {
    states().issue("pump-1", v -> "{}");
    states().issue("pump-1", v -> "{}");
    assertThat(states().report(report("pump-1", 2, ApplyState.DOWNLOADING, 10))).isTrue();
    assertThat(states().report(report("pump-1", 1, ApplyState.APPLIED, 20))).isFalse();
    assertThat(states().report(report("pump-1", 2, ApplyState.REJECTED, 5))).isFalse();
    assertThat(states().report(report("pump-1", 2, ApplyState.APPLIED, 11))).isTrue();

    assertThat(states().get("pump-1").orElseThrow().reported()).hasValue(report("pump-1", 2, ApplyState.APPLIED, 11));
  }

  @Test
  void drift_missingOtherVersionOrNotApplied() {
    states().issue("a-applied", v -> "{}");
    states().report(report("a-applied", 1, ApplyState.APPLIED, 1));
    states().issue("a-silent", v -> "{}");
    states().issue("a-old", v -> "{}");
    states().issue("a-old", v -> "{}");
    states().report(report("a-old", 1, ApplyState.APPLIED, 1));
    states().issue("a-partial", v -> "{}");
    states().report(report("a-partial", 1, ApplyState.PARTIAL, 1));
    states().report(report("a-unmanaged", 0, ApplyState.APPLIED, 1));

    assertThat(states().drift()).extracting(AgentState::agentId)
        .containsExactly("a-old", "a-partial", "a-silent");
    assertThat(states().all()).hasSize(5)
        .allSatisfy(s -> assertThat(states().drift().contains(s)).isEqualTo(s.drift()));
    assertThat(states().get("a-unmanaged").orElseThrow().desired()).isEmpty();
    assertThat(states().get("nobody")).isEmpty();
  }

  @Test
  void restart_desiredAndReportedSurviveReopen() {
    states().issue("pump-1", v -> "{\"version\":" + v + "}");
    states().report(report("pump-1", 1, ApplyState.APPLIED, 1));
    AgentState before = states().get("pump-1").orElseThrow();

    restart();

    assertThat(states().get("pump-1")).hasValue(before);
    assertThat(states().issue("pump-1", v -> "{}").version()).isEqualTo(2);
  }
}
