package io.edgeladder.controller.api;

import io.edgeladder.controller.rollout.InvalidRolloutPlanException;
import io.edgeladder.controller.rollout.RolloutEngine;
import io.edgeladder.controller.rollout.RolloutPlan;
import io.edgeladder.controller.store.NotFoundException;
import io.edgeladder.controller.store.Store;
import io.edgeladder.controller.store.models.ReleaseRecord;
import io.edgeladder.controller.store.rollout.RolloutRecord;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiFunction;

/**
 * {@code POST /rollouts} (201), {@code GET /rollouts}, {@code GET /rollouts/{id}},
 * {@code POST /rollouts/{id}/pause|resume|abort}: the {@link RolloutEngine}'s operator side. A plan naming an
 * unknown release, a selector matching no agent or agents already on the release is a 400 naming the field; a
 * model with an unfinished rollout and a move the state machine refuses (resume a running rollout, abort a
 * finished one) are 409; an unknown rollout id is 404.
 */
final class RolloutsApi {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  /** Body of pause and abort (optional). */
  record ActionRequest(String reason) {}

  private final Store store;
  private final RolloutEngine engine;

  RolloutsApi(Store store, RolloutEngine engine) {
    this.store = store;
    this.engine = engine;
  }

  void register(Router router, Exchange ex, String base) {
    router.post(base + "/rollouts").handler(ex.handle("POST " + base + "/rollouts", ctx -> {
      RolloutPlan plan = RequestJson.read(Exchange.body(ctx), RolloutRequest.class).toPlan();
      return () -> {
        RolloutRecord r = create(plan);
        return Reply.created(detail(r.id()), base + "/rollouts/" + r.id());
      };
    }));
    router.get(base + "/rollouts").handler(ex.handle("GET " + base + "/rollouts", ctx -> {
      int limit = limit(ctx);
      return () -> store.rollouts().list(limit).stream()
          .map(r -> engine.status(r.id()).map(RolloutJson.Summary::of).orElse(null))
          .filter(s -> s != null).toList();
    }));
    router.get(base + "/rollouts/:id").handler(ex.handle("GET " + base + "/rollouts/:id", ctx -> {
      String id = ctx.pathParam("id");
      return () -> detail(id);
    }));
    action(router, ex, base, "pause", (id, reason) -> engine.pause(id, reason));
    action(router, ex, base, "resume", (id, reason) -> engine.resume(id));
    action(router, ex, base, "abort", (id, reason) -> engine.abort(id, reason));
  }

  private void action(Router router, Exchange ex, String base, String name,
      BiFunction<String, String, RolloutRecord> act) {
    String path = base + "/rollouts/:id/" + name;
    router.post(path).handler(ex.handle("POST " + path, ctx -> {
      String id = ctx.pathParam("id");
      byte[] body = Exchange.body(ctx);
      String reason = body == null || body.length == 0 ? null : RequestJson.read(body, ActionRequest.class).reason();
      return () -> {
        known(id);
        act.apply(id, reason);
        return detail(id);
      };
    }));
  }

  private RolloutRecord create(RolloutPlan plan) {
    ReleaseRecord release = store.models().release(plan.releaseSha()).orElseThrow(() -> ApiException.badRequest(
        "unknown_release", "releaseSha", "release " + plan.releaseSha() + " is not in the model registry"
            + " (push it first)"));
    if (!release.model().equals(plan.model())) {
      throw ApiException.badRequest("model_mismatch", "model", "release " + plan.releaseSha() + " is of model "
          + release.model() + ", not " + plan.model());
    }
    if (plan.previousReleaseSha() != null && store.models().release(plan.previousReleaseSha()).isEmpty()) {
      throw ApiException.badRequest("unknown_release", "previousReleaseSha", "release "
          + plan.previousReleaseSha() + " is not in the model registry");
    }
    try {
      return engine.create(plan);
    } catch (InvalidRolloutPlanException e) {
      throw ApiException.badRequest("invalid_field", null, e.getMessage());
    } catch (IllegalStateException e) {
      throw ApiException.conflict("rollout_conflict", e.getMessage());
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      String field = m.startsWith("selector") ? "selector"
          : m.startsWith("previousReleaseSha") ? "previousReleaseSha" : "releaseSha";
      throw ApiException.badRequest("invalid_plan", field, m);
    } catch (NotFoundException e) {
      throw ApiException.badRequest("unknown_release", "releaseSha", e.getMessage());
    }
  }

  private RolloutJson.Detail detail(String id) {
    return engine.status(id).map(s -> RolloutJson.Detail.of(s, store.rollouts().events(id, 0)))
        .orElseThrow(() -> unknown(id));
  }

  private void known(String id) {
    if (store.rollouts().find(id).isEmpty()) throw unknown(id);
  }

  private static ApiException unknown(String id) {
    return ApiException.notFound("id", "rollout " + id + " does not exist");
  }

  private static int limit(RoutingContext ctx) {
    String text = ctx.request().getParam("limit");
    if (text == null) return DEFAULT_LIMIT;
    try {
      int n = Integer.parseInt(text.strip());
      if (n >= 1 && n <= MAX_LIMIT) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest("invalid_field", "limit", "limit must be 1.." + MAX_LIMIT + " but was '" + text
        + "'");
  }
}
