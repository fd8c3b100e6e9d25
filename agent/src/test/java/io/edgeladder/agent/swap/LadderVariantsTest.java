package io.edgeladder.agent.swap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.micrometer.core.instrument.MockClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class LadderVariantsTest {
  private static final Path MODELS = Path.of("..", "models");

  private static VariantEntry entry(String id, String file, VariantSpec measured, VariantStatus status) {
    return new VariantEntry(id, file, measured.sha256(), 1000, 800, Precision.FP32, List.of(), 0.9, Map.of(),
        new Agreement(1.0, 0, 0, 0, 0), new Latency(1, 2, 1, 10, 100), null, 10L, 10L, status,
        status == VariantStatus.REJECTED ? "accuracy below floor" : null,
        new Golden("validation-0", measured.goldenOutput()));
  }

  private static LadderVariants ladder() throws Exception {
    VariantSpec base = SwapFixture.spec("fp32", SwapFixture.BASE);
    VariantSpec tiny = SwapFixture.spec("tiny", SwapFixture.OTHER);
    ModelCard card = ModelCard.load(MODELS.resolve("vibration-cnn").resolve("model-card.json"));
    LadderManifest m = new LadderManifest(1, "vibration-cnn", base.sha256(), "2026-01-01T00:00:00Z",
        new ReferenceHost("test", 1, "Linux", "amd64", "17", "1.29.0", 1), card.classes(), card.input(),
        card.output(), GoldenInput.of("validation-0", 0, new long[] {1, 3, 1024}, SwapFixture.goldenInput()),
        List.of(entry("fp32", "vibration-cnn/model.onnx", base, VariantStatus.ACCEPTED),
            entry("tiny", "fixtures/tiny-conv.onnx", tiny, VariantStatus.ACCEPTED),
            entry("bad", "fixtures/truncated.onnx", new VariantSpec("bad", SwapFixture.TRUNCATED,
                VariantPreparer.sha256(SwapFixture.TRUNCATED, ""), tiny.goldenInput(), tiny.goldenOutput(), 0f),
                VariantStatus.REJECTED)));
    return LadderVariants.of(m, MODELS, 1e-3f);
  }

  @Test
  void spec_acceptedVariant_swapsInByIdWithTheManifestsGolden() throws Exception {
    LadderVariants ladder = ladder();
    assertThat(ladder.ids()).containsExactly("fp32", "tiny");
    try (SwapFixture f = new SwapFixture(1, 8, 50, new MockClock(), new SwapSettings(2, Duration.ofSeconds(5),
        Duration.ZERO, 0.1, 1))) {
      SwapOutcome o = f.swaps.swap("pump-1", ladder.spec("tiny"), "policy: battery low").get(60, TimeUnit.SECONDS);
      assertThat(o.succeeded()).as(String.valueOf(o)).isTrue();
      assertThat(f.harness.pipeline().active().sha256()).isEqualTo(ladder.spec("tiny").sha256());
      assertThat(f.events.get(0).details()).containsEntry("reason", "policy: battery low");
    }
  }

  @Test
  void spec_rejectedOrUnknownVariant_throwsNamingIt() throws Exception {
    LadderVariants ladder = ladder();
    assertThatThrownBy(() -> ladder.spec("bad")).hasMessageContaining("variant bad was rejected")
        .hasMessageContaining("accuracy below floor");
    assertThatThrownBy(() -> ladder.spec("nope")).hasMessageContaining("no variant nope")
        .hasMessageContaining("fp32, tiny");
  }
}
