package io.edgeladder.agent.adaptive;

import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.inference.InferenceException;
import io.edgeladder.agent.inference.LoadedModel;
import io.edgeladder.agent.inference.ModelLoadException;
import io.edgeladder.agent.inference.ModelLoader;
import io.edgeladder.agent.monitor.AgentMonitor;
import io.edgeladder.agent.monitor.ResourceSample;
import io.edgeladder.agent.policy.ResourceStates;
import io.edgeladder.agent.policy.profile.OnDeviceProfiles;
import io.edgeladder.agent.policy.profile.ProfileStore;
import io.edgeladder.agent.policy.profile.Profiler;
import io.edgeladder.agent.policy.profile.VariantProfile;
import io.edgeladder.agent.swap.LadderVariants;
import io.edgeladder.agent.swap.VariantSpec;
import io.micrometer.core.instrument.Clock;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The profiles a ladder starts with: the state folder's store, the load now, one measurement per rung. */
final class StartupProfiles {
  private static final Logger log = LoggerFactory.getLogger(StartupProfiles.class);
  private static final int WARMUP_RUNS = 10;
  private static final int TIMED_RUNS = 100;

  private StartupProfiles() {}

  /** The profiler and store of {@code adaptive.stateDir}; stale beyond {@code profileRefresh.loadDeltaCores}. */
  static OnDeviceProfiles store(AgentConfig config, Clock clock) {
    Path state = config.adaptive().stateDir() != null ? config.adaptive().stateDir()
        : Path.of(System.getProperty("java.io.tmpdir"), "edgeladder-" + config.agentId());
    double wattsPerCore = config.monitor().power().wattsPerCore();
    Profiler profiler = Profiler.of(new Profiler.Settings(WARMUP_RUNS, TIMED_RUNS,
        wattsPerCore > 0 ? wattsPerCore : Profiler.Settings.ofDefaults().wattsPerCore()), clock, null);
    return new OnDeviceProfiles(profiler,
        ProfileStore.of(state.resolve("profiles"), config.adaptive().profileRefresh().loadDeltaCores()));
  }

  /** Other processes' cores in the monitor's latest sample; 0 without a monitor or a sample. */
  static double otherLoad(AgentMonitor monitor) {
    ResourceSample s = monitor == null ? null : monitor.monitor().latest();
    return s == null ? 0 : ResourceStates.from(s, Runtime.getRuntime().availableProcessors()).otherLoadCores();
  }

  /** Profiles keyed by sha256, as {@code Candidate.of} wants them; blocks while measuring. */
  static Map<String, VariantProfile> measure(LadderVariants ladder, OnDeviceProfiles profiles, ModelLoader loader,
      AgentConfig config, double load) throws ModelLoadException, InferenceException {
    Map<String, VariantProfile> out = new HashMap<>();
    for (String id : ladder.ids()) {
      VariantSpec spec = ladder.spec(id);
      try (LoadedModel m = loader.load(spec.file(), config.inference().runner())) {
        VariantProfile p = profiles.profileOf(id, m, spec.goldenInput(), config.inference().runner().intraOpThreads(),
            load);
        log.info("variant {} ({}): p99 {} ms, {} J/inference", id, p.sha256().substring(0, 12),
            String.format("%.3f", p.p99Ms()), String.format("%.5f", p.joulesPerInference()));
        out.put(p.sha256(), p);
      }
    }
    return out;
  }
}
