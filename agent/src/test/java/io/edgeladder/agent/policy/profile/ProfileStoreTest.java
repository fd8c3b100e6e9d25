package io.edgeladder.agent.policy.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.agent.policy.profile.VariantProfile.EnergySource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {
  private static final String SHA = "ab".repeat(32);

  @TempDir Path state;

  static VariantProfile profile(String sha, double load) {
    return new VariantProfile("int8", sha, 1.5, 2.5, 1, 1.2, 0.003, EnergySource.CPU_MODEL, load, 1_700_000_000_000L);
  }

  @Test
  void save_thenLoad_roundTrips() {
    ProfileStore store = ProfileStore.of(state.resolve("profiles"), 0.5);
    store.save(profile(SHA, 1.0));

    assertThat(store.load(SHA)).contains(profile(SHA, 1.0));
    assertThat(ProfileStore.of(state.resolve("profiles"), 0.5).load(SHA)).contains(profile(SHA, 1.0));
  }

  @Test
  void save_twice_replacesAndLeavesNoTempFiles() throws Exception {
    ProfileStore store = ProfileStore.of(state, 0.5);
    store.save(profile(SHA, 1.0));
    store.save(profile(SHA, 2.0));

    assertThat(store.load(SHA)).contains(profile(SHA, 2.0));
    try (var files = Files.list(state)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly(SHA + ".profile.json");
    }
  }

  @Test
  void load_missingOrGarbage_empty() throws Exception {
    ProfileStore store = ProfileStore.of(state, 0.5);
    assertThat(store.load(SHA)).isEmpty();

    Files.writeString(store.file(SHA), "{not json");
    assertThat(store.load(SHA)).isEmpty();

    Files.writeString(store.file(SHA), "{\"variantId\":\"x\",\"sha256\":\"" + SHA + "\",\"p50Ms\":-1}");
    assertThat(store.load(SHA)).isEmpty();
  }

  @Test
  void load_fileHoldsOtherModel_empty() throws Exception {
    ProfileStore store = ProfileStore.of(state, 0.5);
    store.save(profile("cd".repeat(32), 0));
    Files.move(store.file("cd".repeat(32)), store.file(SHA));

    assertThat(store.load(SHA)).isEmpty();
  }

  @Test
  void fresh_loadDiffersBeyondThreshold_empty() {
    ProfileStore store = ProfileStore.of(state, 0.5);
    store.save(profile(SHA, 1.0));

    assertThat(store.fresh(SHA, 1.4)).isPresent();
    assertThat(store.fresh(SHA, 0.6)).isPresent();
    assertThat(store.fresh(SHA, 1.6)).isEmpty();
    assertThat(store.isStale(profile(SHA, 1.0), 0.4)).isTrue();
  }

  @Test
  void of_badThresholdOrKey_rejectedNamingValue() {
    assertThatThrownBy(() -> ProfileStore.of(state, 0)).hasMessageContaining("refreshLoadDeltaCores must be > 0 but was 0.0");
    assertThatThrownBy(() -> ProfileStore.of(state, 1).load("../etc/passwd")).hasMessageContaining("../etc/passwd");
  }

  @Test
  void variantProfile_p99BelowP50_rejected() {
    assertThatThrownBy(() -> new VariantProfile("v", SHA, 3, 2, 1, 1, 1, EnergySource.MEASURED, 0, 0))
        .hasMessageContaining("profile v p99Ms must be >= p50Ms (3.0) but was 2.0");
  }
}
