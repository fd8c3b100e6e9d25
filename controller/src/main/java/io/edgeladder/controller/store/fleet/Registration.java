package io.edgeladder.controller.store.fleet;

import io.edgeladder.controller.store.Require;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an agent's birth message registers: identity, build, hardware, labels, pipelines and the
 * artifacts in its cache. The MQTT side maps the protocol's birth payload onto this record.
 *
 * @param incarnation random id per agent process start; a different one under the same agent id is
 *     a restart or a duplicate
 * @param installed sha256 of every artifact in the agent's cache (repeats dropped)
 * @param publicKeyId id of the controller key the agent trusts, {@code null} when none is set
 */
public record Registration(
    String agentId,
    String incarnation,
    Instant startedAt,
    String agentVersion,
    String javaVersion,
    String ortVersion,
    Hardware hardware,
    Map<String, String> labels,
    List<PipelineInfo> pipelines,
    List<String> installed,
    String publicKeyId) {
  public Registration {
    Require.id("agentId", agentId, 128);
    Require.id("incarnation", incarnation, 64);
    startedAt = Require.micros("startedAt", startedAt);
    Require.id("agentVersion", agentVersion, 64);
    Require.id("javaVersion", javaVersion, 64);
    Require.id("ortVersion", ortVersion, 64);
    Require.present("hardware", hardware);
    labels = Labels.check(Require.present("labels", labels));
    pipelines = List.copyOf(Require.present("pipelines", pipelines));
    Set<String> names = new HashSet<>();
    for (PipelineInfo p : pipelines) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException("pipelines names " + p.name() + " twice");
      }
    }
    installed = List.copyOf(new LinkedHashSet<>(Require.present("installed", installed)));
    for (int i = 0; i < installed.size(); i++) {
      Require.sha256("installed[" + i + "]", installed.get(i));
    }
    if (publicKeyId != null) {
      Require.id("publicKeyId", publicKeyId, 64);
    }
  }
}
