package io.edgeladder.agent.control;

import io.edgeladder.agent.pipeline.Pipeline;
import io.edgeladder.protocol.fleet.DesiredState;
import io.edgeladder.protocol.fleet.PipelineDesired;
import io.edgeladder.protocol.fleet.PipelineReported;
import io.edgeladder.protocol.fleet.ReportedState;
import io.micrometer.core.instrument.Clock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the control path has changed on this agent: the applied {@link AppliedState}, the installed releases
 * in effect, and the views built from them (reported state, the release per pipeline for the birth, the
 * artifacts in use that the cache must keep).
 *
 * <p>Threads: written on the control thread only; {@link #applied()} and {@link #releaseOf} are read by the
 * reporter (a volatile reference to an immutable state, a concurrent map).
 */
final class ControlState {
  private final String agentId;
  private final Path stateDir;
  private final Map<String, Pipeline> pipelines;
  private final Map<String, String> models;
  private final LadderTarget target;
  private final ArtifactCache cache;
  private final ControlEvents events;
  private final Clock clock;
  private final Map<String, InstalledRelease> releases = new ConcurrentHashMap<>();
  private volatile AppliedState applied;

  ControlState(String agentId, Path stateDir, Map<String, Pipeline> pipelines, Map<String, String> models,
      LadderTarget target, ArtifactCache cache, AppliedState saved, ControlEvents events, Clock clock) {
    this.agentId = agentId;
    this.stateDir = stateDir;
    this.pipelines = Map.copyOf(pipelines);
    this.models = Map.copyOf(models);
    this.target = target;
    this.cache = cache;
    this.applied = saved;
    this.events = events;
    this.clock = clock;
  }

  Path stateDir() {
    return stateDir;
  }

  AppliedState applied() {
    return applied;
  }

  /** The model {@code pipeline} runs, or null when there is no such pipeline. */
  String model(String pipeline) {
    return models.get(pipeline);
  }

  /** The release whose ladder {@code pipeline} switches among, or null for the configured ladder. */
  String releaseOf(String pipeline) {
    AppliedState.Entry e = applied.of(pipeline);
    return e == null ? null : e.releaseSha();
  }

  /** The ladder id of the variant serving {@code pipeline} (see {@link LadderTarget#servingId}), or null. */
  String activeVariant(String pipeline) {
    Pipeline p = pipelines.get(pipeline);
    if (p == null) return null;
    return target == null ? p.active().id() : target.servingId(pipeline);
  }

  void inEffect(InstalledRelease release) {
    releases.put(release.releaseSha(), release);
  }

  /** Records {@code version} as handled with {@code changed} in effect (other pipelines keep theirs). */
  AppliedState applied(long version, Map<String, AppliedState.Entry> changed) {
    Map<String, AppliedState.Entry> all = applied.byName();
    all.putAll(changed);
    applied = new AppliedState(version, new ArrayList<>(all.values()));
    Set<String> live = new HashSet<>();
    applied.pipelines().forEach(e -> live.add(e.releaseSha()));
    releases.keySet().retainAll(live);
    return applied;
  }

  /** After a restart: {@code kept} is in effect again; {@code version} 0 makes the retained desired re-apply. */
  void restored(long version, Map<String, AppliedState.Entry> kept) {
    applied = new AppliedState(version, new ArrayList<>(kept.values()));
  }

  ReportedState report(DesiredState d, ReportedState.State outcome, Map<String, String> errors) {
    List<PipelineReported> out = new ArrayList<>();
    for (PipelineDesired p : d.pipelines()) {
      boolean exists = pipelines.containsKey(p.name());
      List<String> installed = exists && target != null ? target.variantIds(p.name()) : List.of();
      out.add(new PipelineReported(p.name(), exists ? releaseOf(p.name()) : null, activeVariant(p.name()), installed,
          errors.get(p.name())));
    }
    return new ReportedState(agentId, d.version(), Instant.ofEpochMilli(clock.wallTime()), outcome, out);
  }

  /**
   * Evicts least-recently-used artifacts beyond the cache bound that neither a release in effect, a serving
   * variant nor {@code alsoInUse} (downloads in progress) needs; each eviction is counted and reported.
   */
  void evict(Set<String> alsoInUse) {
    Set<String> inUse = new HashSet<>(alsoInUse);
    releases.values().forEach(r -> inUse.addAll(r.artifacts()));
    pipelines.values().forEach(p -> inUse.add(p.active().sha256()));
    for (String sha : inUse) cache.touch(sha, clock.wallTime());
    for (String sha : cache.evict(inUse)) {
      events.evictions.increment();
      events.info("artifact.evicted", null, "artifact " + sha + " evicted (cache bound " + cache.maxBytes()
          + " bytes)", Map.of("sha256", sha));
    }
  }

  /** sha256 of every cached artifact (for the birth message). */
  List<String> installedArtifacts() {
    return cache.shas();
  }
}
