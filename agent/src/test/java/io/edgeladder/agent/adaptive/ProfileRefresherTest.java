package io.edgeladder.agent.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.inference.LoadedModel;
import io.edgeladder.agent.inference.RunnerOptions;
import io.edgeladder.agent.inference.ort.OrtModelLoader;
import io.edgeladder.agent.monitor.ResourceSample;
import io.edgeladder.agent.monitor.ResourceSample.Section;
import io.edgeladder.agent.pipeline.PipelineHarness;
import io.edgeladder.agent.policy.Bounds;
import io.edgeladder.agent.policy.Candidate;
import io.edgeladder.agent.policy.profile.OnDeviceProfiles;
import io.edgeladder.agent.policy.profile.ProfileStore;
import io.edgeladder.agent.policy.profile.Profiler;
import io.edgeladder.agent.policy.profile.VariantProfile;
import io.edgeladder.agent.swap.LadderVariants;
import io.edgeladder.agent.swap.VariantSpec;
import io.edgeladder.protocol.AgentEvent;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MockClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refresher against real ORT sessions of a two-rung ladder, fed samples the test writes (a 2-core
 * device whose other processes use {@code load} cores), on a manual clock for the minimum interval.
 */
@Timeout(60)
class ProfileRefresherTest {
  private static final RunnerOptions RUNNER = RunnerOptions.ofDefaults();

  @TempDir Path dir;
  private final MockClock clock = new MockClock();
  private final List<AgentEvent> events = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private ResourceSample sample;
  private long sampleTime;
  private PipelineHarness harness;
  private PipelineInputs inputs;
  private ProfileStore store;

  @BeforeEach
  void setUp() throws Exception {
    harness = new PipelineHarness(1, 16, 1000, clock);
  }

  @AfterEach
  void tearDown() {
    harness.close();
  }

  @Test
  void tick_loadMovedForThreeSamples_reprofilesAtMeanLoadSwapsCandidatesAndPublishes() throws Exception {
    ProfileRefresher r = refresher(TestLadder.write(dir.resolve("ladder")), settings(1.0, 3, 60_000));

    assertThat(feed(r, 1.4)).isZero();
    assertThat(feed(r, 1.6)).isZero();
    assertThat(feed(r, 1.5)).as("third sample off by > 1 core").isEqualTo(2);

    assertThat(inputs.candidates()).extracting(c -> c.profile().backgroundLoadCores())
        .allSatisfy(l -> assertThat(l).isCloseTo(1.5, org.assertj.core.data.Offset.offset(1e-9)));
    assertThat(events).extracting(AgentEvent::type).containsOnly(ProfileRefresher.EVENT_TYPE);
    assertThat(events).extracting(e -> e.details().get("variant")).containsExactlyInAnyOrder("base", "qat");
    AgentEvent base = events.stream().filter(e -> "base".equals(e.details().get("variant"))).findFirst().orElseThrow();
    assertThat(base.pipeline()).isEqualTo(harness.pipeline().name());
    assertThat(base.details()).containsEntry("oldLoadCores", 0.0).containsKeys("oldP99Ms", "newP99Ms");
    assertThat((Double) base.details().get("loadCores")).isCloseTo(1.5, org.assertj.core.data.Offset.offset(1e-9));
    assertThat((Double) base.details().get("newP99Ms")).isPositive();
    String sha = (String) base.details().get("sha256");
    assertThat(store.load(sha)).hasValueSatisfying(p -> assertThat(p.backgroundLoadCores()).isCloseTo(1.5,
        org.assertj.core.data.Offset.offset(1e-9)));
    assertThat(feed(r, 1.5)).as("now fresh for this load").isZero();
  }

  @Test
  void tick_loadBackBeforeSustainedOrSameSampleAgain_keepsProfiles() throws Exception {
    ProfileRefresher r = refresher(TestLadder.write(dir.resolve("ladder")), settings(1.0, 3, 0));
    List<Candidate> before = inputs.candidates();

    feed(r, 1.5);
    feed(r, 1.5);
    feed(r, 0.3); // within the band again: the streak restarts
    feed(r, 1.5);
    feed(r, 1.5);
    assertThat(r.tick()).as("the same sample read again is not a new one").isZero();
    assertThat(r.tick()).isZero();
    sample = sample(2.0, false);
    assertThat(r.tick()).as("a sample without CPU figures is no evidence").isZero();

    assertThat(inputs.candidates()).isSameAs(before);
    assertThat(events).isEmpty();
    assertThat(feed(r, 1.5)).as("third off sample in a row").isEqualTo(2);
  }

  @Test
  void tick_withinMinInterval_defersUntilTheIntervalHasPassed() throws Exception {
    ProfileRefresher r = refresher(TestLadder.write(dir.resolve("ladder")), settings(0.5, 2, 60_000));
    feed(r, 1.0);
    assertThat(feed(r, 1.0)).isEqualTo(2);

    clock.add(Duration.ofSeconds(10));
    assertThat(feed(r, 0.0)).isZero();
    assertThat(feed(r, 0.0)).as("sustained, but 10 s after the last refresh").isZero();
    clock.add(Duration.ofSeconds(50));
    assertThat(feed(r, 0.0)).as("60 s after the last refresh").isEqualTo(2);
    assertThat(inputs.candidates()).allSatisfy(c -> assertThat(c.profile().backgroundLoadCores()).isZero());
    assertThat(events).hasSize(4);
  }

  @Test
  void tick_variantFileNoLongerLoads_keepsItsOldProfileAndRefreshesTheOther() throws Exception {
    Path copy = dir.resolve("qat-copy.onnx");
    Files.copy(TestLadder.QAT, copy);
    Path ladder = TestLadder.write(dir.resolve("ladder"));
    Files.writeString(ladder, Files.readString(ladder).replace(TestLadder.QAT.toString(), copy.toString()));
    ProfileRefresher r = refresher(ladder, settings(1.0, 1, 0));
    Candidate qatBefore = inputs.candidates().stream().filter(c -> c.id().equals("qat")).findFirst().orElseThrow();
    Files.write(copy, new byte[] {1, 2, 3});

    assertThat(feed(r, 1.5)).isEqualTo(1);

    assertThat(failures).containsExactly("qat");
    assertThat(inputs.candidates()).filteredOn(c -> c.id().equals("qat")).containsExactly(qatBefore);
    assertThat(inputs.candidates()).filteredOn(c -> c.id().equals("base"))
        .allSatisfy(c -> assertThat(c.profile().backgroundLoadCores()).isEqualTo(1.5));
    assertThat(events).extracting(e -> e.details().get("variant")).containsExactly("base");
  }

  private static AgentConfig.ProfileRefresh settings(double delta, int samples, int minIntervalMs) {
    return new AgentConfig.ProfileRefresh(true, delta, samples, minIntervalMs);
  }

  /** Profiles both rungs at load 0 (as at start) and builds the refresher over them. */
  private ProfileRefresher refresher(Path ladderFile, AgentConfig.ProfileRefresh settings) throws Exception {
    LadderVariants ladder = LadderVariants.read(ladderFile, AdaptiveWiring.GOLDEN_TOLERANCE);
    store = ProfileStore.of(dir.resolve("profiles"), settings.loadDeltaCores());
    OnDeviceProfiles profiles = new OnDeviceProfiles(
        Profiler.of(new Profiler.Settings(2, 20, 2.0), Clock.SYSTEM, null), store);
    Map<String, VariantProfile> start = new HashMap<>();
    for (String id : ladder.ids()) {
      VariantSpec spec = ladder.spec(id);
      try (LoadedModel m = OrtModelLoader.of().load(spec.file(), RUNNER)) {
        VariantProfile p = profiles.profileOf(id, m, spec.goldenInput(), 1, 0);
        start.put(p.sha256(), p);
      }
    }
    inputs = new PipelineInputs(harness.pipeline(), Candidate.of(ladder.manifest(), start), Bounds.none(), null,
        () -> 0, clock);
    return new ProfileRefresher("gw1", List.of(new ProfileRefresher.Target(harness.pipeline().name(), ladder, inputs)),
        () -> sample, profiles, OrtModelLoader.of(), RUNNER, settings, events::add, new ProfileRefresher.Listener() {
          @Override
          public void refreshed(String pipeline, VariantProfile before, VariantProfile after) {}

          @Override
          public void failed(String pipeline, String variantId, Exception cause) {
            failures.add(variantId);
          }
        }, clock);
  }

  /** A new sample with {@code load} other cores, then one tick. */
  private int feed(ProfileRefresher r, double load) {
    sample = sample(load, true);
    return r.tick();
  }

  /** 2 cores, this process idle, other processes busy on {@code load} cores. */
  private ResourceSample sample(double load, boolean withCpu) {
    Map<Section, String> absent = new EnumMap<>(Section.class);
    absent.put(Section.MEMORY, "test");
    absent.put(Section.THERMAL, "test");
    absent.put(Section.POWER, "test");
    ResourceSample.Cpu cpu = null;
    if (withCpu) {
      cpu = new ResourceSample.Cpu(load / 2 * 100, 0, List.of(load / 2 * 100, load / 2 * 100), Double.NaN, 100);
    } else {
      absent.put(Section.CPU, "first sample");
    }
    return new ResourceSample(++sampleTime, cpu, null, null, null, absent);
  }
}
