package io.edgeladder.agent.policy.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.agent.inference.LoadedModel;
import io.edgeladder.agent.inference.RunnerOptions;
import io.edgeladder.agent.inference.ort.OrtModelLoader;
import io.edgeladder.agent.policy.profile.VariantProfile.EnergySource;
import io.micrometer.core.instrument.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real ORT sessions on the committed models; asserts structure, never timing. */
class ProfilerTest {
  private static final Path BASE = Path.of("..", "models", "vibration-cnn", "model.onnx");
  private static final Path QAT = Path.of("..", "models", "variants", "vibration-cnn-qat", "model.onnx");

  @TempDir Path state;

  private static Profiler profiler(AtomicLong energy) {
    return Profiler.of(new Profiler.Settings(3, 20, 2.5), Clock.SYSTEM, energy == null ? null : energy::get);
  }

  @Test
  void profile_baseModelWithoutEnergyCounter_positiveFiguresFromCpuModel() throws Exception {
    try (LoadedModel model = OrtModelLoader.of().load(BASE, RunnerOptions.ofDefaults())) {
      VariantProfile p = profiler(null).profile("fp32", model, null, 1, 0.5);

      assertThat(p.variantId()).isEqualTo("fp32");
      assertThat(p.sha256()).isEqualTo(model.sha256());
      assertThat(p.p50Ms()).isPositive();
      assertThat(p.p99Ms()).isGreaterThanOrEqualTo(p.p50Ms());
      assertThat(p.cpuMsPerInference()).isPositive();
      assertThat(p.energySource()).isEqualTo(EnergySource.CPU_MODEL);
      assertThat(p.joulesPerInference()).isCloseTo(p.cpuMsPerInference() / 1e3 * 2.5, org.assertj.core.data.Offset.offset(1e-12));
      assertThat(p.backgroundLoadCores()).isEqualTo(0.5);
      assertThat(p.measuredAtMillis()).isPositive();
    }
  }

  @Test
  void profile_energyCounterMoves_joulesMeasured() throws Exception {
    // a counter that advances 1000 µJ per read: two reads around the timed runs → 1000 µJ over 20 runs
    AtomicLong counter = new AtomicLong(5_000);
    Profiler profiler = Profiler.of(new Profiler.Settings(0, 20, 2.5), Clock.SYSTEM, () -> counter.getAndAdd(1_000));
    try (LoadedModel model = OrtModelLoader.of().load(QAT, RunnerOptions.ofDefaults())) {
      VariantProfile p = profiler.profile("qat", model, new float[model.signature().inputSize()], 1, 0);

      assertThat(p.energySource()).isEqualTo(EnergySource.MEASURED);
      assertThat(p.joulesPerInference()).isEqualTo(1_000 / 1e6 / 20);
    }
  }

  @Test
  void profile_energyCounterUnavailable_fallsBackToCpuModel() throws Exception {
    try (LoadedModel model = OrtModelLoader.of().load(QAT, RunnerOptions.ofDefaults())) {
      VariantProfile p = profiler(new AtomicLong(-1)).profile("qat", model, null, 1, 0);

      assertThat(p.energySource()).isEqualTo(EnergySource.CPU_MODEL);
      assertThat(p.joulesPerInference()).isPositive();
    }
  }

  @Test
  void profile_wrongInputLength_rejectedNamingVariant() throws Exception {
    try (LoadedModel model = OrtModelLoader.of().load(BASE, RunnerOptions.ofDefaults())) {
      assertThatThrownBy(() -> profiler(null).profile("fp32", model, new float[3], 1, 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fp32").hasMessageContaining("held 3");
    }
  }

  @Test
  void onDeviceProfiles_measuresOnceThenReusesUntilLoadChanges() throws Exception {
    ProfileStore store = ProfileStore.of(state, 0.5);
    OnDeviceProfiles profiles = new OnDeviceProfiles(profiler(null), store);
    try (LoadedModel model = OrtModelLoader.of().load(QAT, RunnerOptions.ofDefaults())) {
      VariantProfile first = profiles.profileOf("qat", model, null, 1, 0.0);
      assertThat(Files.exists(store.file(model.sha256()))).isTrue();

      assertThat(profiles.profileOf("qat", model, null, 1, 0.3)).isEqualTo(first);
      VariantProfile refreshed = profiles.profileOf("qat", model, null, 1, 2.0);
      assertThat(refreshed.backgroundLoadCores()).isEqualTo(2.0);
      assertThat(store.load(model.sha256())).contains(refreshed);
    }
  }
}
