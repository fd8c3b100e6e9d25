package io.edgeladder.agent.config;

import static io.edgeladder.agent.config.ConfigFixture.VALID;
import static io.edgeladder.agent.config.ConfigFixture.insertAfter;
import static io.edgeladder.agent.config.ConfigFixture.problems;
import static io.edgeladder.agent.config.ConfigFixture.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigProblemsTest {
  @TempDir Path dir;

  @BeforeEach
  void card() {
    ConfigFixture.writeCard(dir);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiterString = ";;", quoteCharacter = '"', textBlock = """
      id               ;; gw/01             ;; agent.id must not contain '/', '+', '#' or NUL but was 'gw/01'
      id               ;; ''                ;; agent.id must not be blank
      id               ;; [a]               ;; agent.id must be a string but was a list
      url              ;; http://h:1883     ;; broker.url must start with tcp://, mqtt://, ssl:// or mqtts:// but was 'http://h:1883'
      url              ;; tcp://:1883       ;; broker.url must name a host (tcp://host:port) but was 'tcp://:1883'
      keepAliveSeconds ;; -1                ;; broker.keepAliveSeconds must be between 0 and 65535 but was -1
      resultQos        ;; 2                 ;; broker.resultQos must be 0 or 1 but was 2
      port             ;; 70000             ;; http.port must be between -1 and 65535 but was 70000
      port             ;; abc               ;; http.port must be an integer but was 'abc'
      port             ;; 1.5               ;; http.port must be an integer but was 1.5
      workers          ;; 0                 ;; inference.workers must be >= 1 but was 0
      queueCapacity    ;; 0                 ;; inference.queueCapacity must be >= 1 but was 0
      intraOpThreads   ;; 0                 ;; inference.intraOpThreads must be >= 1 but was 0
      interOpThreads   ;; 99999999999       ;; inference.interOpThreads must be an integer but was 99999999999
      spinning         ;; 3                 ;; inference.spinning must be true or false but was 3
      optimization     ;; max               ;; inference.optimization must be one of none|basic|extended|all but was 'max'
      name             ;; pump+1            ;; pipelines[0].name must not contain '/', '+', '#' or NUL but was 'pump+1'
      topic            ;; sensors/#/x       ;; pipelines[0].topic may use '#' only as the whole last level but was 'sensors/#/x'
      topic            ;; sensors/p+/x      ;; pipelines[0].topic may use '+' only as a whole level but was 'sensors/p+/x'
      format           ;; xml               ;; pipelines[0].format must be one of raw-f32le|json|senml but was 'xml'
      channels         ;; []                ;; pipelines[0].channels must not be empty
      channels         ;; x                 ;; pipelines[0].channels must be a list but was 'x'
      channels         ;; [x, x, y]         ;; pipelines[0].channels[1] repeats 'x'
      sampleRateHz     ;; 0                 ;; pipelines[0].sampleRateHz must be >= 1 but was 0
      windowSize       ;; -1                ;; pipelines[0].windowSize must be >= 0 but was -1
      hop              ;; -3                ;; pipelines[0].hop must be >= 0 but was -3
      deadlineMs       ;; 0                 ;; pipelines[0].deadlineMs must be >= 1 but was 0
      maxPayloadBytes  ;; 0                 ;; pipelines[0].maxPayloadBytes must be between 1 and 268435455 but was 0
      model            ;; ''                ;; pipelines[0].model must not be blank
      broker           ;; tcp://h:1883      ;; broker must be a mapping but was 'tcp://h:1883'
      pipelines        ;; none              ;; pipelines must be a list but was 'none'
      """)
  void parse_invalidValue_reportsPathAndValue(String key, String value, String expected) {
    String yaml = key.equals("broker") ? VALID.replaceFirst("(?s)broker:.*?http:", "broker: tcp://h:1883\nhttp:")
        : key.equals("pipelines") ? VALID.replaceFirst("(?s)pipelines:.*", "pipelines: none\n")
        : with(VALID, key, value);

    assertThat(problems(yaml, dir)).containsExactly(expected);
  }

  @Test
  void parse_severalProblems_reportsAllTogether() {
    String yaml = insertAfter(
        with(with(with(VALID, "hop", "-3"), "optimization", "max"), "resultQos", "5"), "agent:", "  idd: x");

    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, dir, Map.of()));

    assertThat(e.problems()).containsExactlyInAnyOrder(
        "unknown key 'idd' in agent (did you mean 'id'?)",
        "broker.resultQos must be 0 or 1 but was 5",
        "inference.optimization must be one of none|basic|extended|all but was 'max'",
        "pipelines[0].hop must be >= 0 but was -3");
    assertThat(e.getMessage()).startsWith("agent config: 4 problem(s):").contains("pipelines[0].hop");
  }

  @Test
  void parse_unknownKeys_reportedAtEveryLevelWithSuggestion() {
    String yaml = VALID.replace("broker:", "brokr:");
    yaml = insertAfter(yaml, "  host:", "  prot: 80");
    yaml = insertAfter(yaml, "    hop:", "    deadline_ms: 20");
    yaml = insertAfter(yaml, "  workers:", "  zzzzzzzzzz: 1");

    List<String> problems = problems(yaml, dir);

    assertThat(problems).containsExactlyInAnyOrder(
        "unknown key 'brokr' at top level (did you mean 'broker'?)",
        "unknown key 'prot' in http (did you mean 'port'?)",
        "unknown key 'deadline_ms' in pipelines[0] (did you mean 'deadlineMs'?)",
        "unknown key 'zzzzzzzzzz' in inference");
  }

  @Test
  void parse_duplicateNamesAndTopics_reported() {
    String second = VALID.substring(VALID.indexOf("  - name:"));
    String yaml = VALID + with(second, "topic", "sensors/pump-2/vibration")
        + with(with(second, "name", "pump-3"), "deadlineMs", "10");

    assertThat(problems(yaml, dir)).containsExactly(
        "pipelines[1].name 'pump-1' is already used by pipelines[0]",
        "pipelines[2].topic 'sensors/pump-1/vibration' is already used by pipelines[0]");
  }

  @Test
  void parse_missingRequiredPipelineKeys_reportsEach() {
    String yaml = VALID.replaceFirst("(?s)pipelines:.*", "pipelines:\n  - format: json\n");

    assertThat(problems(yaml, dir)).containsExactly(
        "pipelines[0].name is required",
        "pipelines[0].topic is required",
        "pipelines[0].channels is required",
        "pipelines[0].sampleRateHz is required",
        "pipelines[0].model is required");
  }

  @Test
  void parse_emptyPipelineList_reported() {
    String yaml = VALID.replaceFirst("(?s)pipelines:.*", "pipelines: []\n");

    assertThat(problems(yaml, dir)).containsExactly("pipelines must have at least one pipeline");
  }
}
