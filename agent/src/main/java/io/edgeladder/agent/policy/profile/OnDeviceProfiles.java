package io.edgeladder.agent.policy.profile;

import io.edgeladder.agent.inference.InferenceException;
import io.edgeladder.agent.inference.LoadedModel;
import java.util.Optional;

/**
 * The profile a policy should use for a loaded variant: the stored one while the background load is
 * close to the one it was measured under, otherwise a fresh measurement, which is stored.
 *
 * <p>Threads: call off the hot path (measuring blocks for warm-up plus timed runs).
 */
public final class OnDeviceProfiles {
  private final Profiler profiler;
  private final ProfileStore store;

  public OnDeviceProfiles(Profiler profiler, ProfileStore store) {
    this.profiler = profiler;
    this.store = store;
  }

  /**
   * @param input the ladder's golden input, or {@code null} for zeros
   * @throws InferenceException when measuring fails (nothing stored)
   */
  public VariantProfile profileOf(String variantId, LoadedModel model, float[] input, int threads,
      double currentLoadCores) throws InferenceException {
    Optional<VariantProfile> stored = store.fresh(model.sha256(), currentLoadCores)
        .filter(p -> p.threads() == threads);
    if (stored.isPresent()) return stored.get();
    VariantProfile measured = profiler.profile(variantId, model, input, threads, currentLoadCores);
    store.save(measured);
    return measured;
  }
}
