package io.edgeladder.agent.app;

import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.control.ControlPlane;
import io.edgeladder.agent.inference.ModelLoader;
import io.edgeladder.agent.pipeline.AgentCore;
import io.edgeladder.agent.pipeline.Pipeline;
import io.edgeladder.agent.swap.LastGoodVariants;
import io.edgeladder.agent.swap.SwapManager;
import io.edgeladder.agent.swap.VariantRestorer;
import io.edgeladder.agent.swap.VariantSpec;
import io.edgeladder.agent.transport.Transport;
import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.Topics;
import io.micrometer.core.instrument.Clock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts each pipeline on its last known good variant ({@link LastGoodVariants}) when variant switching is on:
 * before the workers start, so no window is served by the configured model first, and so that an agent killed
 * mid-swap comes back on what served before the swap, never on the half-loaded variant. A missing file, a
 * sha256 mismatch or a failed golden check falls back to the configured variant ({@code swap.restore.failed});
 * a restored one is a {@code swap.restored} event. Afterwards the swap manager's commits update the file.
 *
 * <p>Threads: {@link #restore} and {@link #announce} on the start thread; {@link #record} wires the swap
 * manager, whose threads then write.
 */
final class LastGoodStart {
  private static final Logger log = LoggerFactory.getLogger(LastGoodStart.class);
  private static final int WARM_UP_RUNS = 20;

  private final String agentId;
  private final LastGoodVariants store;
  private final Map<String, String> models;
  private final List<AgentEvent> outcomes = new ArrayList<>();

  private LastGoodStart(String agentId, LastGoodVariants store, Map<String, String> models) {
    this.agentId = agentId;
    this.store = store;
    this.models = models;
  }

  /** Restores what the state folder holds; null when {@code adaptive.enabled} is false (nothing swaps). */
  static LastGoodStart restore(AgentConfig config, AgentCore core, ModelLoader loader, Clock clock) {
    if (!config.adaptive().enabled()) return null;
    LastGoodVariants store;
    try {
      store = LastGoodVariants.open(ControlPlane.stateDir(config));
    } catch (IOException e) {
      log.warn("last known good variants unreadable; starting on the configured ones: {}", e.getMessage());
      store = LastGoodVariants.empty(ControlPlane.stateDir(config));
    }
    LastGoodStart s = new LastGoodStart(config.agentId(), store, models(core));
    VariantRestorer restorer = new VariantRestorer(loader, config.inference().runner(), clock, WARM_UP_RUNS);
    for (Pipeline p : core.pipelines()) {
      Optional<VariantSpec> spec;
      try {
        spec = store.of(p.name(), s.models.get(p.name()));
      } catch (IllegalArgumentException e) {
        s.failed(p, "?", "stored entry invalid: " + e.getMessage(), clock);
        continue;
      }
      if (spec.isEmpty()) continue;
      VariantSpec v = spec.get();
      String why = restorer.restore(p, v);
      if (why == null) {
        log.info("pipeline {} starts on its last known good variant {} ({})", p.name(), v.id(), v.file());
        s.outcomes.add(new AgentEvent(s.agentId, "swap.restored", clock.wallTime(), p.name(), "pipeline " + p.name()
            + " starts on its last known good variant " + v.id(), Map.of("variant", v.id(), "sha256", v.sha256())));
      } else {
        s.failed(p, v.id(), why, clock);
      }
    }
    return s;
  }

  private void failed(Pipeline p, String variant, String why, Clock clock) {
    log.warn("pipeline {}: last known good variant {} not restored, {} serves: {}", p.name(), variant,
        p.active().id(), why);
    outcomes.add(new AgentEvent(agentId, "swap.restore.failed", clock.wallTime(), p.name(), "last known good variant "
        + variant + " not restored; " + p.active().id() + " serves: " + why, Map.of("variant", variant,
        "serving", p.active().id(), "reason", why)));
  }

  /** Publishes the restore outcomes on {@code fleet/{agent}/events} (once connected). */
  void announce(Transport transport) {
    for (AgentEvent e : outcomes) {
      byte[] json = e.toJson();
      transport.publish(Topics.events(agentId), json, json.length, 1, false).exceptionally(t -> null);
    }
  }

  /** From now on, every variant {@code swaps} commits is the pipeline's last known good. */
  void record(SwapManager swaps) {
    swaps.onCommit((pipeline, spec) -> store.committed(pipeline, models.get(pipeline), spec));
  }

  private static Map<String, String> models(AgentCore core) {
    Map<String, String> out = new LinkedHashMap<>();
    if (core.status().get("pipelines") instanceof List<?> ps) {
      for (Object o : ps) {
        if (o instanceof Map<?, ?> p) out.put((String) p.get("name"), (String) p.get("model"));
      }
    }
    return out;
  }
}
