package io.edgeladder.protocol.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.protocol.ModelCard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LadderManifestTest {
  private static final String SHA_A = "a".repeat(64);
  private static final String SHA_B = "b".repeat(64);
  private static final String SHA_C = "c".repeat(64);

  static GoldenInput golden() {
    return GoldenInput.of("validation-0", 0, new long[] {1, 3, 4}, new float[] {1f, -2f, 3.5f, 0f, 1e-7f, 9f,
        0.1f, 0.2f, 0.3f, -0.4f, 5f, 6f});
  }

  static VariantEntry accepted(String id, String sha, double accuracy, double p50) {
    return new VariantEntry(id, id + ".onnx", sha, 1000, 800, Precision.FP32, List.of(), accuracy,
        Map.of("macroF1", accuracy), new Agreement(1.0, 0, 0, 0, 0), new Latency(p50, p50 * 2, 1, 10, 100),
        1_616_032L, 11_509L, 11_509L, VariantStatus.ACCEPTED, null, new Golden("validation-0", new float[] {1.5f, -2f}));
  }

  static LadderManifest manifest(List<VariantEntry> variants) {
    ModelCard.Input in = new ModelCard.Input("input", new long[] {1, 3, 4}, "NCW", List.of("x", "y", "z"), 10_000,
        4, 2, new ModelCard.Normalization(new float[] {0, 0, 0}, new float[] {1, 1, 1}));
    return new LadderManifest(1, "vibration-cnn", SHA_A, "2025-01-31T12:00:00Z",
        new ReferenceHost("Test CPU", 2, "Linux", "amd64", "17", "1.29.0", 1), List.of("a", "b"), in,
        new ModelCard.Output("logits", new long[] {1, 2}, "logits"), golden(), variants);
  }

  @Test
  void toJson_parse_roundTripsEveryField() throws IOException {
    VariantEntry int8 = new VariantEntry("int8", "int8.onnx", SHA_B, 500, 300, Precision.INT8,
        List.of("channel-prune:0.5", "int8-static-qdq"), 0.99, Map.of(), new Agreement(0.98, 0.1, 0.01, 0.5, 0.05),
        new Latency(0.02, 0.05, 1, 10, 100), null, 3000L, 2900L, VariantStatus.ACCEPTED, null,
        new Golden("validation-0", new float[] {1.25f, -2.0078125f}));
    VariantEntry broken = new VariantEntry("broken", "broken.onnx", SHA_C, 10, 30, Precision.MIXED, List.of("x"),
        null, null, null, null, null, null, null, VariantStatus.REJECTED, "load failure: truncated", null);
    LadderManifest m = manifest(List.of(accepted("fp32", SHA_A, 1.0, 0.05), int8, broken));

    String json = new String(m.toJson(), StandardCharsets.UTF_8);
    LadderManifest back = LadderManifest.parse(m.toJson());

    assertThat(back).usingRecursiveComparison().isEqualTo(m);
    assertThat(back.variants()).containsExactlyElementsOf(m.variants());
    assertThat(back.goldenInput()).isEqualTo(m.goldenInput());
    assertThat(back.goldenInput().values()).containsExactly(golden().values());
    assertThat(json).contains("\"precision\" : \"int8\"", "\"status\" : \"rejected\"",
        "\"rejectReason\" : \"load failure: truncated\"");
    assertThat(json).doesNotContain("\"macs\" : null");
    assertThat(back.accepted()).extracting(VariantEntry::id).containsExactly("fp32", "int8");
  }

  @Test
  void goldenInput_of_encodesFloat32LittleEndian() {
    GoldenInput g = GoldenInput.of("g", 1, new long[] {1, 1}, new float[] {1.0f});
    // 1.0f = 0x3F800000, little-endian bytes 00 00 80 3F
    assertThat(g.float32Base64()).isEqualTo("AACAPw==");
    assertThatThrownBy(() -> new GoldenInput("g", 1, new long[] {1, 2}, "AACAPw=="))
        .hasMessageContaining("must hold 2 floats");
  }

  @Test
  void new_acceptedBelowRejected_rejectsOrder() {
    VariantEntry rejected = accepted("b", SHA_B, 0.9, 0.01).reject("slower than fp32");
    assertThatThrownBy(() -> manifest(List.of(rejected, accepted("a", SHA_A, 1.0, 0.05))))
        .hasMessageContaining("variant a is accepted but listed after a rejected one");
  }

  @Test
  void new_moreAccurateRankedBelow_rejectsOrder() {
    assertThatThrownBy(() -> manifest(List.of(accepted("a", SHA_A, 0.9, 0.05), accepted("b", SHA_B, 0.95, 0.01))))
        .hasMessageContaining("variant b (accuracy 0.95) is ranked below a (accuracy 0.9)");
  }

  @Test
  void new_duplicateIdOrNoAccepted_namesProblem() {
    assertThatThrownBy(() -> manifest(List.of(accepted("a", SHA_A, 1, 1), accepted("a", SHA_B, 0.5, 1))))
        .hasMessageContaining("variant id a is not unique");
    assertThatThrownBy(() -> manifest(List.of(accepted("a", SHA_A, 1, 1).reject("dominated by b"))))
        .hasMessageContaining("no accepted variant");
  }

  @Test
  void variantEntry_badValues_nameFieldAndValue() {
    assertThatThrownBy(() -> new VariantEntry("v", "v.onnx", "xyz", 1, 1, Precision.FP32, List.of(), 1.0, null,
        null, null, null, null, null, VariantStatus.REJECTED, "r", null))
        .hasMessageContaining("variant v sha256 must be 64 lower-case hex digits but was xyz");
    assertThatThrownBy(() -> new VariantEntry("v", "v.onnx", SHA_A, 1, 1, Precision.FP32, List.of(), 1.5, null,
        null, null, null, null, null, VariantStatus.REJECTED, "r", null))
        .hasMessageContaining("variant v accuracy must be in [0, 1] but was 1.5");
    assertThatThrownBy(() -> new VariantEntry("v", "v.onnx", SHA_A, 1, 1, Precision.FP32, List.of(), 1.0, null,
        null, null, null, null, null, VariantStatus.ACCEPTED, null, null))
        .hasMessageContaining("variant v is accepted but lacks agreement, latency, parameters, golden");
    assertThatThrownBy(() -> new VariantEntry("v", "v.onnx", SHA_A, 1, 1, Precision.FP32, List.of(), null, null,
        null, null, null, null, null, VariantStatus.REJECTED, " ", null))
        .hasMessageContaining("rejectReason (status rejected) is missing");
    assertThatThrownBy(() -> new Latency(2, 1, 1, 0, 10)).hasMessageContaining("p99Ms must be >= p50Ms (2.0) but was 1.0");
    assertThatThrownBy(() -> Precision.of("int4")).hasMessageContaining("but was int4");
  }

  @Test
  void parse_invalidManifest_throwsIoExceptionWithValidationMessage() {
    LadderManifest m = manifest(List.of(accepted("fp32", SHA_A, 1.0, 0.05)));
    String json = new String(m.toJson(), StandardCharsets.UTF_8);

    assertThatThrownBy(() -> LadderManifest.parse(json.replace("2025-01-31T12:00:00Z", "yesterday")
        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("createdAt must be an ISO-8601 instant but was yesterday");
    assertThatThrownBy(() -> LadderManifest.parse(json.replace("\"accepted\"", "\"maybe\"")
        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("status must be accepted or rejected but was maybe");
    assertThatThrownBy(() -> LadderManifest.parse("{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("schemaVersion must be 1 but was 2");
    assertThatThrownBy(() -> LadderManifest.parse("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void variants_listIsImmutableCopy() {
    List<VariantEntry> list = new ArrayList<>(List.of(accepted("fp32", SHA_A, 1.0, 0.05)));
    LadderManifest m = manifest(list);
    list.clear();
    assertThat(m.variants()).hasSize(1);
  }
}
