package io.edgeladder.demo;

import io.edgeladder.controller.app.Controller;
import io.edgeladder.controller.desired.DesiredOutcome;
import io.edgeladder.controller.distribution.PublishProgress;
import io.edgeladder.controller.distribution.PublishReport;
import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.controller.variants.build.BuildResult;
import io.edgeladder.protocol.fleet.PipelineDesired;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The controller's side of the fleet demo, on its own thread so the table keeps moving meanwhile: build the
 * ladder ({@link DemoLadder}), sign and publish it ({@code ReleasePublisher}: manifest and chunks retained),
 * then set the desired state for the label selector. Progress lines queue for the demo's loop ({@link #drain});
 * {@link #release()} completes with the release sha, or exceptionally with what failed.
 */
final class FleetPush {
  static final String SELECTOR = "site=demo";

  private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
  private final CompletableFuture<String> release = new CompletableFuture<>();
  private final long startNanos;

  private FleetPush(long startNanos) {
    this.startNanos = startNanos;
  }

  /**
   * Starts building and pushing on a daemon thread.
   *
   * @param pipeline the pipeline every demo agent runs the model on
   */
  static FleetPush start(Controller controller, Path repo, Path work, String pipeline, long startNanos) {
    FleetPush p = new FleetPush(startNanos);
    Thread t = new Thread(() -> p.run(controller, repo, work, pipeline), "demo-controller-push");
    t.setDaemon(true);
    t.start();
    return p;
  }

  private void run(Controller controller, Path repo, Path work, String pipeline) {
    try {
      say("builds the ladder from the base model (variants build: " + DemoLadder.TECHNIQUES
          + " + models/variants, " + DemoLadder.ACCURACY_BUDGET_POINTS + "-point accuracy budget)");
      BuildResult built = DemoLadder.build(repo, work, this::say);
      PublishReport r = controller.publisher().publish(built.outDir(), false, PublishProgress.NONE);
      say(String.format(Locale.ROOT, "release %s signed (Ed25519 key %s) and published retained: %d artifacts, "
          + "%d chunks, %d bytes", r.releaseSha().substring(0, 12), r.keyId(), r.artifacts(), r.chunksPublished(),
          r.bytesPublished()));
      DesiredOutcome d = controller.desired().setForSelector(LabelSelector.parse(SELECTOR),
          List.of(new PipelineDesired(pipeline, built.manifest().model(), r.releaseSha(), null)));
      List<String> to = new ArrayList<>();
      d.issued().forEach(i -> to.add(i.agentId() + " v" + i.version()));
      say("desired state for " + SELECTOR + ": " + to + (d.rejected().isEmpty() ? "" : ", refused " + d.rejected()));
      release.complete(r.releaseSha());
    } catch (Exception | Error e) {
      say("push failed: " + e);
      release.completeExceptionally(e);
    }
  }

  private void say(String what) {
    lines.add(String.format(Locale.ROOT, "%+7.1fs  %-5s %s", (System.nanoTime() - startNanos) / 1e9, "ctl", what));
  }

  /** Lines since the last call, oldest first. */
  List<String> drain() {
    List<String> out = new ArrayList<>();
    for (String l; (l = lines.poll()) != null; ) out.add(l);
    return out;
  }

  CompletableFuture<String> release() {
    return release;
  }
}
