package io.edgeladder.agent.control;

import io.edgeladder.agent.pipeline.Pipeline;
import io.edgeladder.protocol.fleet.Bounds;
import io.edgeladder.protocol.fleet.PipelineDesired;
import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.VariantEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Applies one pipeline's desired state to the variant-switching loop: checks that the pipeline exists and
 * runs the named model, that the bounds name variants of the ladder it will switch among, then installs the
 * release's ladder (or the configured one, when the controller withdraws a release) or only replaces the
 * bounds. Every refusal is a reason string; nothing changes for that pipeline then.
 *
 * <p>Threads: control thread only.
 */
final class PipelineApplier {
  private final Map<String, Pipeline> pipelines;
  private final Map<String, String> models;
  private final Map<String, Path> configuredLadders;
  private final LadderTarget target; // null when variant switching is off
  private final ControlEvents events;

  PipelineApplier(Map<String, Pipeline> pipelines, Map<String, String> models, Map<String, Path> configuredLadders,
      LadderTarget target, ControlEvents events) {
    this.pipelines = Map.copyOf(pipelines);
    this.models = Map.copyOf(models);
    this.configuredLadders = Map.copyOf(configuredLadders);
    this.target = target;
    this.events = events;
  }

  /**
   * @param release the installed release {@code wanted} names, or null (none named, or it failed)
   * @param releaseError why the named release could not be installed, or null
   * @param current what the controller set on this pipeline before, or null
   * @return null when applied, else why not
   */
  String apply(PipelineDesired wanted, InstalledRelease release, String releaseError, AppliedState.Entry current) {
    String name = wanted.name();
    if (!pipelines.containsKey(name)) return "no pipeline " + name + " on this agent; it has " + pipelines.keySet();
    if (!models.get(name).equals(wanted.model())) {
      return "pipeline " + name + " runs model " + models.get(name) + ", not " + wanted.model();
    }
    if (target == null) return "variant switching is off on this agent (adaptive.enabled: false)";
    io.edgeladder.agent.policy.Bounds bounds = policyBounds(wanted.bounds());
    String currentRelease = current == null ? null : current.releaseSha();
    try {
      if (wanted.releaseSha() != null) {
        if (releaseError != null) return releaseError;
        if (!release.model().equals(wanted.model())) {
          return "release " + release.releaseSha() + " is a ladder of " + release.model() + ", not " + wanted.model();
        }
        String bad = boundsProblem(wanted.bounds(), release.variantIds(), "release " + release.releaseSha());
        if (bad != null) return bad;
        if (wanted.releaseSha().equals(currentRelease)) {
          target.bound(name, bounds);
        } else {
          target.install(name, release.ladderFile(), bounds);
        }
      } else if (currentRelease != null) {
        Path configured = configuredLadders.get(name);
        if (configured == null) {
          return "pipeline " + name + " has no configured ladder to return to; it keeps release " + currentRelease;
        }
        String bad = boundsProblem(wanted.bounds(), ids(configured), "the configured ladder");
        if (bad != null) return bad;
        target.install(name, configured, bounds);
      } else {
        List<String> ids = target.variantIds(name);
        if (ids.isEmpty()) {
          return wanted.bounds().equals(Bounds.NONE) ? null : "pipeline " + name + " has no ladder; bounds need one";
        }
        String bad = boundsProblem(wanted.bounds(), ids, "the ladder");
        if (bad != null) return bad;
        target.bound(name, bounds);
      }
      return null;
    } catch (InstallException e) {
      events.installFailed(name, wanted.releaseSha(), e.getMessage());
      return e.getMessage();
    } catch (IOException e) {
      return "pipeline " + name + ": configured ladder unreadable: " + e.getMessage();
    }
  }

  /** Whether {@code pipeline} serves what its bounds and ladder ask for (any rung, or the pinned one). */
  boolean serving(String pipeline, Bounds bounds) {
    if (!pipelines.containsKey(pipeline) || target == null) return true;
    String active = target.servingId(pipeline);
    if (bounds.pinned() != null) return bounds.pinned().equals(active);
    List<String> ids = target.variantIds(pipeline);
    return ids.isEmpty() || ids.contains(active);
  }

  private static String boundsProblem(Bounds b, List<String> ids, String ladder) {
    if (b.pinned() != null && !ids.contains(b.pinned())) {
      return "pinned variant " + b.pinned() + " is not in " + ladder + " " + ids;
    }
    for (String id : b.allowed()) {
      if (!ids.contains(id)) return "allowed variant " + id + " is not in " + ladder + " " + ids;
    }
    return null;
  }

  private static List<String> ids(Path ladder) throws IOException {
    return LadderManifest.read(ladder).accepted().stream().map(VariantEntry::id).toList();
  }

  static io.edgeladder.agent.policy.Bounds policyBounds(Bounds b) {
    return new io.edgeladder.agent.policy.Bounds(new HashSet<>(b.allowed()), b.pinned(), b.minAccuracy());
  }
}
