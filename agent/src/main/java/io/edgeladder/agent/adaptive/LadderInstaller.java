package io.edgeladder.agent.adaptive;

import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.inference.InferenceException;
import io.edgeladder.agent.inference.ModelLoadException;
import io.edgeladder.agent.inference.ModelLoader;
import io.edgeladder.agent.monitor.AgentMonitor;
import io.edgeladder.agent.pipeline.Pipeline;
import io.edgeladder.agent.policy.Bounds;
import io.edgeladder.agent.policy.Candidate;
import io.edgeladder.agent.policy.Policy;
import io.edgeladder.agent.policy.PolicyLoop;
import io.edgeladder.agent.policy.PolicySettings;
import io.edgeladder.agent.policy.profile.OnDeviceProfiles;
import io.edgeladder.agent.swap.LadderVariants;
import io.micrometer.core.instrument.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Puts a ladder into the running loop (the control path's hook): profiles its rungs off the hot path (on the
 * caller's thread), then replaces the pipeline's candidates and bounds in one step and its ladder in the swap
 * requester's map; a pipeline that had no ladder gets a policy binding and a profile-refresh target. From the
 * next tick on the policy chooses among the new rungs and the swap manager swaps as usual.
 *
 * <p>Threads: {@link #install} and {@link #bound} are serialized on this; the maps are concurrent.
 */
final class LadderInstaller {
  /** What a newly laddered pipeline needs besides its rungs. */
  record Context(AgentConfig config, ModelLoader loader, OnDeviceProfiles profiles, AgentMonitor monitor,
      PolicySettings settings, PolicyLoop loop, AdaptiveMetrics metrics, ProfileRefresher refresher,
      DoubleSupplier queueAgeMs, Clock clock) {}

  private final Context c;
  private final Map<String, Pipeline> pipelines;
  private final Map<String, LadderVariants> ladders;
  private final Map<String, PipelineInputs> inputs;

  LadderInstaller(Context context, Map<String, Pipeline> pipelines, Map<String, LadderVariants> ladders,
      Map<String, PipelineInputs> inputs) {
    this.c = context;
    this.pipelines = Map.copyOf(pipelines);
    this.ladders = ladders;
    this.inputs = inputs;
  }

  synchronized void install(String pipeline, LadderVariants ladder, Bounds bounds)
      throws ModelLoadException, InferenceException {
    Pipeline p = pipelines.get(pipeline);
    if (p == null) throw new IllegalArgumentException("no pipeline " + pipeline + "; known: " + pipelines.keySet());
    List<Candidate> candidates = Candidate.of(ladder.manifest(), StartupProfiles.measure(ladder, c.profiles(),
        c.loader(), c.config(), StartupProfiles.otherLoad(c.monitor())));
    PipelineInputs in = inputs.get(pipeline);
    ladders.put(pipeline, ladder);
    if (in == null) {
      in = new PipelineInputs(p, candidates, bounds, c.monitor(), c.queueAgeMs(), c.clock());
      inputs.put(pipeline, in);
      c.loop().add(new PolicyLoop.Binding(new Policy(c.settings()), in));
    } else {
      in.install(candidates, bounds);
    }
    c.metrics().bind(pipeline, ladder.ids(), c.loop(), in::servingId);
    if (c.refresher() != null) c.refresher().target(new ProfileRefresher.Target(pipeline, ladder, in));
  }

  synchronized void bound(String pipeline, Bounds bounds) {
    PipelineInputs in = inputs.get(pipeline);
    if (in != null) in.bound(bounds);
  }

  List<String> variantIds(String pipeline) {
    LadderVariants l = ladders.get(pipeline);
    return l == null ? List.of() : l.ids();
  }

  /** The ladder id of the variant serving (by id, or by identical bytes), else the variant's own id. */
  String servingId(String pipeline) {
    PipelineInputs in = inputs.get(pipeline);
    if (in != null) return in.servingId();
    Pipeline p = pipelines.get(pipeline);
    if (p == null) throw new IllegalArgumentException("no pipeline " + pipeline + "; known: " + pipelines.keySet());
    return p.active().id();
  }
}
