package io.edgeladder.agent.swap;

import io.edgeladder.agent.inference.ModelLoader;
import io.edgeladder.agent.inference.RunnerOptions;
import io.edgeladder.agent.pipeline.ActiveVariant;
import io.edgeladder.agent.pipeline.Pipeline;
import io.micrometer.core.instrument.Clock;

/**
 * Puts a pipeline's last known good variant ({@link LastGoodVariants}) in place of the configured one before
 * the pipeline serves anything: the same checks as a swap (sha256, load, signature, warm-up, golden output),
 * then the configured variant is closed. Anything failing leaves the configured variant serving.
 *
 * <p>Threads: the agent's start thread, before the workers start; nothing else touches the pipeline then.
 */
public final class VariantRestorer {
  private final VariantPreparer preparer;

  public VariantRestorer(ModelLoader loader, RunnerOptions options, Clock clock, int warmUpRuns) {
    this.preparer = new VariantPreparer(loader, options, clock, warmUpRuns);
  }

  /**
   * Makes {@code pipeline} serve {@code spec}.
   *
   * @return null when it serves it now; else why not (missing file, sha256 mismatch, load, signature or golden
   *     failure), the configured variant then keeps serving
   */
  public String restore(Pipeline pipeline, VariantSpec spec) {
    ActiveVariant configured = pipeline.active();
    if (configured.sha256().equals(spec.sha256()) && configured.id().equals(spec.id())) return null;
    VariantLifecycle life = VariantLifecycle.loading(spec.id());
    ActiveVariant next;
    try {
      next = preparer.prepare(spec, configured, pipeline.workers(), life);
    } catch (VariantPreparer.StepFailed | RuntimeException e) {
      life.fail();
      return e.getMessage();
    }
    try {
      pipeline.activate(next);
    } catch (RuntimeException e) {
      life.fail();
      next.close();
      return e.getMessage();
    }
    configured.close(); // not serving yet: nothing in flight
    return null;
  }
}
