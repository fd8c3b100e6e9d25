package io.edgeladder.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.agent.policy.profile.VariantProfile;
import io.edgeladder.protocol.ModelCard;
import io.edgeladder.protocol.ladder.Agreement;
import io.edgeladder.protocol.ladder.Golden;
import io.edgeladder.protocol.ladder.GoldenInput;
import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.Latency;
import io.edgeladder.protocol.ladder.Precision;
import io.edgeladder.protocol.ladder.ReferenceHost;
import io.edgeladder.protocol.ladder.VariantEntry;
import io.edgeladder.protocol.ladder.VariantStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandidateTest {
  private static VariantEntry accepted(String id, char hash, double accuracy) {
    return new VariantEntry(id, id + ".onnx", String.valueOf(hash).repeat(64), 1000, 800, Precision.FP32, List.of(),
        accuracy, Map.of(), new Agreement(1.0, 0, 0, 0, 0), new Latency(1, 2, 1, 10, 100), null, 10L, 10L,
        VariantStatus.ACCEPTED, null, new Golden("validation-0", new float[] {1.5f, -2f}));
  }

  private static LadderManifest manifest(List<VariantEntry> variants) {
    ModelCard.Input in = new ModelCard.Input("input", new long[] {1, 3, 4}, "NCW", List.of("x", "y", "z"), 10_000,
        4, 2, new ModelCard.Normalization(new float[] {0, 0, 0}, new float[] {1, 1, 1}));
    return new LadderManifest(1, "vibration-cnn", "1".repeat(64), "2025-01-31T12:00:00Z",
        new ReferenceHost("Test CPU", 2, "Linux", "amd64", "17", "1.29.0", 1), List.of("a", "b"), in,
        new ModelCard.Output("logits", new long[] {1, 2}, "logits"),
        GoldenInput.of("validation-0", 0, new long[] {1, 3, 4}, new float[12]), variants);
  }

  @Test
  void of_manifest_acceptedAndProfiledVariantsInLadderOrder() {
    VariantEntry fp32 = accepted("fp32", '1', 0.95);
    VariantEntry int8 = accepted("int8", '2', 0.93);
    VariantEntry tiny = accepted("tiny", '3', 0.88);
    VariantEntry broken = accepted("broken", '4', 0.5).reject("golden mismatch");
    Map<String, VariantProfile> profiles = Map.of(
        fp32.sha256(), Ladder.candidate("fp32", 0.5, 6, 0.01, '1').profile(),
        tiny.sha256(), Ladder.candidate("tiny", 0.5, 1, 0.001, '3').profile(),
        broken.sha256(), Ladder.candidate("broken", 0.5, 1, 0.001, '4').profile());

    List<Candidate> candidates = Candidate.of(manifest(List.of(fp32, int8, tiny, broken)), profiles);

    assertThat(candidates).extracting(Candidate::id).containsExactly("fp32", "tiny");
    assertThat(candidates).extracting(Candidate::accuracy).containsExactly(0.95, 0.88);
  }
}
