package io.edgeladder.controller.api;

import io.edgeladder.controller.fleet.Drift;
import io.edgeladder.controller.store.Store;
import io.edgeladder.controller.store.desired.AgentState;
import io.edgeladder.controller.store.fleet.AgentRecord;
import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.controller.store.fleet.AgentStatus;
import io.edgeladder.controller.fleet.FleetView;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code GET /agents}, {@code GET /agents/{id}}, {@code GET /drift}: the read side of the fleet. */
final class AgentsApi {
  private final Store store;
  private final FleetView fleet;

  AgentsApi(Store store, FleetView fleet) {
    this.store = store;
    this.fleet = fleet;
  }

  void register(Router router, Exchange ex, String base) {
    router.get(base + "/agents").handler(ex.handle("GET " + base + "/agents", ctx -> {
      LabelSelector selector = selector(ctx);
      return () -> fleet.list(selector).stream().map(AgentJson.AgentSummary::of).toList();
    }));
    router.get(base + "/agents/:id").handler(ex.handle("GET " + base + "/agents/:id", ctx -> {
      String id = ctx.pathParam("id");
      return () -> {
        AgentRecord a = store.agents().find(id).orElseThrow(() -> unknownAgent(id));
        AgentState s = store.desiredStates().get(id).orElse(new AgentState(id, Optional.empty(), Optional.empty()));
        return AgentJson.AgentDetail.of(a, s);
      };
    }));
    router.get(base + "/drift").handler(ex.handle("GET " + base + "/drift", ctx -> {
      LabelSelector selector = selector(ctx);
      boolean all = Boolean.parseBoolean(ctx.request().getParam("all", "false"));
      return () -> drift(selector, all);
    }));
  }

  /** Agents with a desired state (only those in drift unless {@code all}), sorted by id. */
  private List<AgentJson.DriftEntry> drift(LabelSelector selector, boolean all) {
    Map<String, AgentState> states = store.desiredStates().all().stream()
        .collect(Collectors.toMap(AgentState::agentId, Function.identity()));
    List<AgentJson.DriftEntry> out = new ArrayList<>();
    for (AgentRecord a : store.agents().list(selector)) {
      AgentState s = states.get(a.agentId());
      if (s == null || s.desired().isEmpty()) continue;
      Drift d = Drift.of(s);
      if (all || d.inDrift()) {
        out.add(new AgentJson.DriftEntry(a.agentId(), a.status() == AgentStatus.ONLINE, AgentJson.DriftJson.of(d)));
      }
    }
    return out;
  }

  static ApiException unknownAgent(String id) {
    return ApiException.notFound("id", "agent " + id + " has not announced itself (no birth on record)");
  }

  /** The {@code selector} query parameter; absent or blank selects every agent. */
  static LabelSelector selector(RoutingContext ctx) {
    String text = ctx.request().getParam("selector");
    try {
      return LabelSelector.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid_selector", "selector", e.getMessage());
    }
  }
}
