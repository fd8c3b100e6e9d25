package io.edgeladder.controller.store;

import static io.edgeladder.controller.store.Fixtures.SHA_A;
import static io.edgeladder.controller.store.Fixtures.SHA_B;
import static io.edgeladder.controller.store.Fixtures.SHA_C;
import static io.edgeladder.controller.store.Fixtures.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.controller.store.models.ModelRegistry;
import io.edgeladder.controller.store.models.PushRecord;
import io.edgeladder.controller.store.models.PushTarget;
import io.edgeladder.controller.store.models.ReleaseRecord;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(TestBackend.class)
class ModelRegistryTest extends StoreTestBase {
  private static final String R1 = "1".repeat(64);
  private static final String R2 = "2".repeat(64);
  private static final String R3 = "3".repeat(64);

  ModelRegistryTest(TestBackend backend) {
    super(backend);
  }

  private ModelRegistry models() {
    return store.models();
  }

  @Test
  void createModel_twice_keepsFirstCreationTime() {
    models().createModel("pump-ae");
    clock.advance(Duration.ofMinutes(1));

    assertThat(models().createModel("pump-ae").createdAt()).isEqualTo(T0);
    models().createModel("kws");
    assertThat(models().models()).extracting(m -> m.name()).containsExactly("kws", "pump-ae");
    assertThat(models().model("nope")).isEmpty();
  }

  @Test
  void putRelease_roundTripsBytesLadderAndArtifacts() {
    models().createModel("pump-ae");
    ReleaseRecord r = release(R1, "pump-ae", T0, SHA_A);

    assertThat(models().putRelease(r)).isTrue();

    ReleaseRecord back = models().release(R1).orElseThrow();
    assertThat(back).isEqualTo(r);
    assertThat(back.signedReleaseBytes()).isEqualTo(r.signedReleaseBytes());
    assertThat(back.artifacts()).extracting(a -> a.variantId()).containsExactly("fp32", "int8");
    assertThat(models().release(R2)).isEmpty();
  }

  @Test
  void putRelease_sameReleaseAgain_noOp() {
    models().createModel("pump-ae");
    models().putRelease(release(R1, "pump-ae", T0, SHA_A));

    assertThat(models().putRelease(release(R1, "pump-ae", T0, SHA_A))).isFalse();
    assertThat(models().releases("pump-ae")).hasSize(1);
  }

  @Test
  void putRelease_otherBytesUnderSameSha_conflict() {
    models().createModel("pump-ae");
    models().putRelease(release(R1, "pump-ae", T0, SHA_A));
    ReleaseRecord forged = new ReleaseRecord(R1, "pump-ae", T0, ByteBuffer.wrap(new byte[] {1, 2}),
        "{}", List.of());

    assertThatThrownBy(() -> models().putRelease(forged))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(R1);
    assertThat(models().release(R1).orElseThrow().artifacts()).hasSize(2);
  }

  @Test
  void putRelease_unknownModel_notFound() {
    assertThatThrownBy(() -> models().putRelease(release(R1, "ghost", T0, SHA_A)))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("model ghost");
    assertThat(models().release(R1)).isEmpty();
  }

  @Test
  void latestRelease_newestCreatedAtThenLastStored() {
    models().createModel("pump-ae");
    models().createModel("kws");
    models().putRelease(release(R2, "pump-ae", T0.plusSeconds(60), SHA_A));
    models().putRelease(release(R1, "pump-ae", T0, SHA_A));
    models().putRelease(release(R3, "kws", T0.plusSeconds(600), SHA_B));

    assertThat(models().latestRelease("pump-ae").orElseThrow().releaseSha()).isEqualTo(R2);
    assertThat(models().releases("pump-ae")).extracting(ReleaseRecord::releaseSha).containsExactly(R2, R1);
    assertThat(models().latestRelease("none")).isEmpty();

    String tie = "4".repeat(64);
    models().putRelease(release(tie, "pump-ae", T0.plusSeconds(60), SHA_A));
    assertThat(models().latestRelease("pump-ae").orElseThrow().releaseSha()).isEqualTo(tie);
  }

  @Test
  void referencedArtifacts_everyArtifactOfEveryRelease() {
    models().createModel("pump-ae");
    models().putRelease(release(R1, "pump-ae", T0, SHA_A));
    models().putRelease(release(R2, "pump-ae", T0, SHA_B));

    assertThat(models().referencedArtifacts()).containsExactly(SHA_A, SHA_B, SHA_C);
  }

  @Test
  void recordPush_historyPerReleaseAndRecentPerModel() {
    models().createModel("pump-ae");
    models().putRelease(release(R1, "pump-ae", T0, SHA_A));
    models().putRelease(release(R2, "pump-ae", T0, SHA_A));
    PushRecord p1 = models().recordPush(R1, PushTarget.agent("pump-1"), null);
    clock.advance(Duration.ofSeconds(5));
    PushRecord p2 = models().recordPush(R1, PushTarget.selector("site=plant-1"), "r-1");
    PushRecord p3 = models().recordPush(R2, PushTarget.agent("pump-2"), "r-2");

    assertThat(models().pushes(R1)).containsExactly(p1, p2);
    assertThat(p2.pushedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(p2.target()).isEqualTo(new PushTarget(PushTarget.Kind.SELECTOR, "site=plant-1"));
    assertThat(models().recentPushes("pump-ae", 2)).containsExactly(p3, p2);
    assertThatThrownBy(() -> models().recordPush(R3, PushTarget.agent("pump-1"), null))
        .isInstanceOf(NotFoundException.class).hasMessageContaining(R3);
  }

  @Test
  void restart_releasesSurviveReopen() {
    models().createModel("pump-ae");
    models().putRelease(release(R1, "pump-ae", T0, SHA_A));

    restart();

    assertThat(models().latestRelease("pump-ae")).hasValue(release(R1, "pump-ae", T0, SHA_A));
  }
}
