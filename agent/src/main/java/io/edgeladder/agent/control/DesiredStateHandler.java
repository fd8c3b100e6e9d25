package io.edgeladder.agent.control;

import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.fleet.DesiredState;
import io.edgeladder.protocol.fleet.PipelineDesired;
import io.edgeladder.protocol.fleet.ReportedState;
import io.micrometer.core.instrument.Clock;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the controller's retained {@code fleet/{agent}/desired}: a version at or below the one handled (or
 * being handled) is ignored, so the copy the broker resends after every reconnect changes nothing; a newer
 * one cancels downloads it no longer names, installs the releases it names (reported {@code DOWNLOADING}
 * meanwhile), applies each pipeline ({@link PipelineApplier}), waits up to {@code control.applyTimeoutMs}
 * for the pipelines to serve a rung of their new ladder (the pinned one if pinned), then persists what is in
 * effect ({@link AppliedState}), reports {@code APPLIED}, {@code PARTIAL} or {@code REJECTED} with a reason
 * per pipeline, re-announces the birth and evicts cache entries nothing uses any more.
 *
 * <p>Threads: everything on the control thread; the version and the release per pipeline are published
 * through {@link ControlState} for the reporter.
 */
final class DesiredStateHandler {
  private static final Logger log = LoggerFactory.getLogger(DesiredStateHandler.class);
  private static final long POLL_MILLIS = 50;

  private final String agentId;
  private final ControlState state;
  private final PipelineApplier applier;
  private final Installer installer;
  private final ControlEvents events;
  private final FleetReporter reporter;
  private final ScheduledExecutorService control;
  private final Clock clock;
  private final long applyTimeoutMillis;
  private DesiredState pending;
  private long generation;

  DesiredStateHandler(String agentId, ControlState state, PipelineApplier applier, Installer installer,
      ControlEvents events, FleetReporter reporter, ScheduledExecutorService control, Clock clock,
      long applyTimeoutMillis) {
    this.agentId = agentId;
    this.state = state;
    this.applier = applier;
    this.installer = installer;
    this.events = events;
    this.reporter = reporter;
    this.control = control;
    this.clock = clock;
    this.applyTimeoutMillis = applyTimeoutMillis;
  }

  /**
   * Restores what the saved {@link AppliedState} put in effect, from the cache and installed ladders (no
   * network); control thread, before the desired topic is subscribed. A pipeline that cannot be restored
   * (release gone from disk, variant no longer loads) resets the applied version to 0, so the retained
   * desired state is applied again and fetches what is missing.
   */
  void restore() {
    AppliedState saved = state.applied();
    Map<String, AppliedState.Entry> kept = new LinkedHashMap<>();
    boolean lost = false;
    for (AppliedState.Entry e : saved.pipelines()) {
      String model = state.model(e.name());
      if (model == null) continue; // the pipeline was removed from agent.yaml
      InstalledRelease release = null;
      String error = null;
      if (e.releaseSha() != null) {
        try {
          release = installer.installed(e.releaseSha()).orElse(null);
        } catch (IOException ex) {
          error = ex.getMessage();
        }
        if (release == null && error == null) error = "release " + e.releaseSha() + " is no longer installed";
      }
      if (error == null) error = applier.apply(new PipelineDesired(e.name(), model, e.releaseSha(), e.bounds()), release,
          null, null);
      if (error == null) {
        kept.put(e.name(), e);
        if (release != null) state.inEffect(release);
      } else {
        lost = true;
        events.installFailed(e.name(), e.releaseSha(), "cannot restore desired state " + saved.version() + ": " + error);
      }
    }
    state.restored(lost ? 0 : saved.version(), kept);
    if (!kept.isEmpty()) log.info("restored desired state {}: {}", saved.version(), kept.values());
  }

  /** One message from {@code fleet/{agent}/desired}; control thread. */
  void onDesired(byte[] payload) {
    DesiredState d;
    try {
      d = DesiredState.parse(payload);
    } catch (ProtocolException e) {
      events.desiredIgnored("invalid", 0, e.getMessage());
      return;
    }
    if (!d.agentId().equals(agentId)) {
      events.desiredIgnored("foreign", d.version(), "desired state for agent " + d.agentId() + " on " + agentId
          + "'s topic");
      return;
    }
    long floor = pending != null ? pending.version() : state.applied().version();
    if (d.version() <= floor) {
      events.desiredIgnored("stale", d.version(), "desired version " + d.version() + " <= " + floor + "; ignored");
      return;
    }
    pending = d;
    long gen = ++generation;
    Set<String> releases = new LinkedHashSet<>();
    d.pipelines().forEach(p -> {
      if (p.releaseSha() != null) releases.add(p.releaseSha());
    });
    installer.retain(releases);
    Map<String, CompletableFuture<InstalledRelease>> fetches = new LinkedHashMap<>();
    for (String sha : releases) fetches.put(sha, installer.install(sha));
    if (fetches.values().stream().anyMatch(f -> !f.isDone())) {
      reporter.reported(state.report(d, ReportedState.State.DOWNLOADING, Map.of()));
    }
    log.info("desired state {} received: {} pipeline(s), {} release(s)", d.version(), d.pipelines().size(),
        releases.size());
    CompletableFuture.allOf(fetches.values().toArray(new CompletableFuture<?>[0]))
        .whenComplete((ok, e) -> control.execute(() -> apply(gen, d, fetches)));
  }

  private void apply(long gen, DesiredState d, Map<String, CompletableFuture<InstalledRelease>> fetches) {
    if (gen != generation) return; // superseded by a newer version
    Map<String, String> errors = new LinkedHashMap<>();
    Map<String, AppliedState.Entry> applied = new LinkedHashMap<>();
    for (PipelineDesired p : d.pipelines()) {
      InstalledRelease release = null;
      String releaseError = null;
      if (p.releaseSha() != null) {
        try {
          release = fetches.get(p.releaseSha()).join();
        } catch (CompletionException e) {
          releaseError = e.getCause().getMessage();
        }
      }
      String error = applier.apply(p, release, releaseError, state.applied().of(p.name()));
      if (error != null) {
        errors.put(p.name(), error);
      } else {
        applied.put(p.name(), new AppliedState.Entry(p.name(), p.releaseSha(), p.bounds()));
        if (release != null) state.inEffect(release);
      }
    }
    awaitServing(gen, d, errors, applied, clock.monotonicTime() + applyTimeoutMillis * 1_000_000L);
  }

  private void awaitServing(long gen, DesiredState d, Map<String, String> errors,
      Map<String, AppliedState.Entry> applied, long deadlineNanos) {
    if (gen != generation) return;
    boolean all = applied.values().stream().allMatch(e -> applier.serving(e.name(), e.bounds()));
    if (!all && clock.monotonicTime() < deadlineNanos) {
      control.schedule(() -> awaitServing(gen, d, errors, applied, deadlineNanos), POLL_MILLIS, TimeUnit.MILLISECONDS);
      return;
    }
    for (AppliedState.Entry e : applied.values()) {
      if (!applier.serving(e.name(), e.bounds())) {
        errors.put(e.name(), "installed, but " + state.activeVariant(e.name()) + " still serves after "
            + applyTimeoutMillis + " ms (see swap.* events)");
      }
    }
    finish(d, errors, applied);
  }

  private void finish(DesiredState d, Map<String, String> errors, Map<String, AppliedState.Entry> applied) {
    ReportedState.State outcome = errors.isEmpty() ? ReportedState.State.APPLIED
        : applied.isEmpty() ? ReportedState.State.REJECTED : ReportedState.State.PARTIAL;
    try {
      state.applied(d.version(), applied).save(state.stateDir());
    } catch (IOException e) {
      log.warn("desired state {} applied but not persisted: a restart applies it again: {}", d.version(),
          e.toString());
    }
    pending = null;
    events.desired(outcome.name().toLowerCase(java.util.Locale.ROOT));
    events.info("desired.applied", null, "desired state " + d.version() + ": " + outcome
        + (errors.isEmpty() ? "" : " " + errors), Map.of("version", d.version(), "state", outcome.name()));
    reporter.reported(state.report(d, outcome, errors));
    reporter.birth();
    state.evict(installer.inProgressArtifacts());
  }
}
