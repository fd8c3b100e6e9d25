package io.edgeladder.protocol.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.InferenceResult;
import io.edgeladder.protocol.ModelCard;
import io.edgeladder.protocol.ladder.GoldenInput;
import io.edgeladder.protocol.ladder.LadderManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression tests for what the protocol fuzz properties found (issue 6), each naming its input. */
class FuzzFindingsTest {
  @TempDir
  Path tmp;

  @Test
  void agentEventParse_nullDetailValue_dropsItInsteadOfNpe() throws IOException {
    AgentEvent e = AgentEvent.parse("{\"agent\":\"gw-1\",\"type\":\"t\",\"time\":1,\"details\":{\"a\":null,\"b\":1}}"
        .getBytes(UTF_8));
    assertThat(e.details()).containsOnlyKeys("b");
  }

  @Test
  void agentEventParse_jsonNull_isIoException() {
    assertThatThrownBy(() -> AgentEvent.parse("null".getBytes(UTF_8))).isInstanceOf(IOException.class)
        .hasMessageContaining("JSON null");
  }

  @Test
  void agentEventParse_details40Deep_rejectedBeforeItOverflowsAWriter() {
    String deep = "[".repeat(40) + "]".repeat(40);
    assertThatThrownBy(() -> AgentEvent.parse(("{\"agent\":\"gw-1\",\"type\":\"t\",\"time\":1,\"details\":{\"a\":" + deep
        + "}}").getBytes(UTF_8))).isInstanceOf(IOException.class).hasMessageContaining("nesting depth");
  }

  @Test
  void inferenceResultParse_jsonNull_isIoException() {
    assertThatThrownBy(() -> InferenceResult.parse("null".getBytes(UTF_8))).isInstanceOf(IOException.class);
  }

  @Test
  void ladderParse_jsonNull_isIoException() {
    assertThatThrownBy(() -> LadderManifest.parse(" null ".getBytes(UTF_8))).isInstanceOf(IOException.class)
        .hasMessage("invalid ladder manifest: payload is JSON null");
  }

  @Test
  void ladderParse_nullClass_namesTheIndex() {
    String json = new String(ReleaseSamples.RELEASE.ladder().toJson(), UTF_8)
        .replaceFirst("\"classes\"\\s*:\\s*\\[\\s*\"a\"\\s*,\\s*\"b\"\\s*]", "\"classes\":[\"a\",null]");
    assertThatThrownBy(() -> LadderManifest.parse(json.getBytes(UTF_8))).isInstanceOf(IOException.class)
        .hasMessage("invalid ladder manifest: ladder classes[1] is null");
  }

  @Test
  void goldenInput_shapeWhoseProductOverflowsToTheDataLength_rejected() {
    // 4 * (2^62 + 1) overflows to 4: four floats (16 bytes) used to "match" a shape of 2^64 + 4 values
    String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> new GoldenInput("g", 0, new long[] {(1L << 62) + 1, 4}, sixteenBytes))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds more than");
  }

  @Test
  void modelCardLoad_jsonNullOrNullClass_isIoExceptionNamingIt() throws IOException {
    Path nullCard = Files.writeString(tmp.resolve("null.json"), "null");
    assertThatThrownBy(() -> ModelCard.load(nullCard)).isInstanceOf(IOException.class).hasMessageContaining("JSON null");
    Path nullClass = Files.writeString(tmp.resolve("card.json"), "{\"name\":\"m\",\"file\":\"m.onnx\",\"classes\":[\"a\",null],"
        + "\"input\":{\"channels\":[\"x\"],\"windowSize\":4},\"output\":{},\"metrics\":{\"acc\":null}}");
    assertThatThrownBy(() -> ModelCard.load(nullClass)).isInstanceOf(IOException.class)
        .hasMessageContaining("classes[1] is null");
  }
}
