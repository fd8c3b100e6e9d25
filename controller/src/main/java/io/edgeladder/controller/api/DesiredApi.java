package io.edgeladder.controller.api;

import io.edgeladder.controller.desired.DesiredOutcome;
import io.edgeladder.controller.desired.DesiredStateRejectedException;
import io.edgeladder.controller.desired.DesiredStateService;
import io.edgeladder.controller.desired.Rejection;
import io.edgeladder.controller.store.Store;
import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.controller.store.fleet.Registration;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code PUT /agents/{id}/desired} and {@code PUT /desired?selector=...}: validated by the
 * {@link DesiredStateService}, answered 202 with the versions issued (and, for a selector, the agents that
 * cannot take it). A desired state no agent can take (unknown release, model or variant; a pipeline the agent
 * lacks) is a 400 naming the field; an unknown agent in the path is a 404. The selector is remembered for
 * agents that match later, even when it matches none now.
 */
final class DesiredApi {
  record Issued(String agentId, long version, boolean published) {}

  record Rejected(String agentId, String reason, String message) {}

  record Outcome(List<Issued> issued, List<Rejected> rejected) {
    static Outcome of(DesiredOutcome o) {
      return new Outcome(o.issued().stream().map(i -> new Issued(i.agentId(), i.version(), i.published())).toList(),
          o.rejected().stream().map(r -> new Rejected(r.agentId(), r.reason().tag(), r.message())).toList());
    }
  }

  private final Store store;
  private final DesiredStateService desired;

  DesiredApi(Store store, DesiredStateService desired) {
    this.store = store;
    this.desired = desired;
  }

  void register(Router router, Exchange ex, String base) {
    router.put(base + "/agents/:id/desired").handler(ex.handle("PUT " + base + "/agents/:id/desired", ctx -> {
      String id = ctx.pathParam("id");
      DesiredRequest req = body(ctx);
      return () -> {
        Registration agent = store.agents().find(id).orElseThrow(() -> AgentsApi.unknownAgent(id)).registration();
        try {
          return Reply.json(202, Outcome.of(desired.setForAgent(id, req.pipelines())));
        } catch (DesiredStateRejectedException e) {
          throw rejected(e, req, agent);
        }
      };
    }));
    router.put(base + "/desired").handler(ex.handle("PUT " + base + "/desired", ctx -> {
      if (ctx.request().getParam("selector") == null) {
        throw ApiException.badRequest("missing_field", "selector", "the selector query parameter is required"
            + " (selector= with an empty value selects every agent)");
      }
      LabelSelector selector = AgentsApi.selector(ctx);
      DesiredRequest req = body(ctx);
      return () -> {
        try {
          return Reply.json(202, Outcome.of(desired.setForSelector(selector, req.pipelines())));
        } catch (DesiredStateRejectedException e) {
          throw rejected(e, req, null);
        }
      };
    }));
  }

  private static DesiredRequest body(RoutingContext ctx) {
    return RequestJson.read(Exchange.body(ctx), DesiredRequest.class);
  }

  private ApiException rejected(DesiredStateRejectedException e, DesiredRequest req, Registration agent) {
    if (e.reason() == Rejection.UNKNOWN_AGENT) return ApiException.notFound("id", e.getMessage());
    String field = DesiredFields.locate(e.reason(), req.pipelines(), store.models(), agent);
    return ApiException.badRequest(e.reason().tag(), field, e.getMessage());
  }
}
