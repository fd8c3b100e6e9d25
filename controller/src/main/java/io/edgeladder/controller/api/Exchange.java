package io.edgeladder.controller.api;

import io.edgeladder.controller.rollout.IllegalRolloutTransitionException;
import io.edgeladder.controller.store.ConcurrentUpdateException;
import io.edgeladder.controller.store.NotFoundException;
import io.edgeladder.controller.store.StoreException;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a request in two halves: {@link Prepare} on the event loop (read parameters and body, validate; no
 * I/O), then the {@link Work} it returns on the API's worker pool (database, broker, files), and writes the
 * answer back on the event loop. Every failure becomes a JSON body {@code {error, field, message}} without a
 * stack trace: {@link ApiException} as it says, an unknown rollout or row 404, an illegal transition or a
 * lost optimistic update 409, a database failure 503, anything else 500 (logged with its stack trace).
 * 4xx answers are counted in {@code api.rejected}, 5xx in {@code api.errors}. Thread-safe.
 */
final class Exchange {
  private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);
  static final String JSON = "application/json";

  /** The blocking half; returns the body (200 JSON) or a {@link Reply}. */
  interface Work {
    Object call() throws Exception;
  }

  /** The event-loop half. @throws ApiException for bad input */
  interface Prepare {
    Work prepare(RoutingContext ctx);
  }

  private final WorkerExecutor workers;
  private final ApiMetrics metrics;

  Exchange(WorkerExecutor workers, ApiMetrics metrics) {
    this.workers = workers;
    this.metrics = metrics;
  }

  /** The request body's bytes, {@code null} when there is none (event loop). */
  static byte[] body(RoutingContext ctx) {
    return ctx.body() == null || ctx.body().buffer() == null ? null : ctx.body().buffer().getBytes();
  }

  /** A route handler; {@code route} is the metric tag, e.g. {@code GET /api/v1/agents/:id}. */
  Handler<RoutingContext> handle(String route, Prepare prepare) {
    return ctx -> {
      Work work;
      try {
        work = prepare.prepare(ctx);
      } catch (Throwable t) { // NOPMD: every failure becomes an answer
        fail(ctx, route, t);
        return;
      }
      workers.executeBlocking(work::call, false).onComplete(ar -> {
        if (ar.succeeded()) {
          reply(ctx, ar.result());
        } else {
          fail(ctx, route, ar.cause());
        }
      });
    };
  }

  /** Answers with the mapped error and counts it. */
  void fail(RoutingContext ctx, String route, Throwable t) {
    ApiException e = map(t);
    if (e.status() >= 500) {
      metrics.error(route);
    } else {
      metrics.rejected(route, e.reason());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", e.reason());
    body.put("field", e.field());
    body.put("message", e.getMessage());
    send(ctx, Reply.json(e.status(), body));
  }

  private static ApiException map(Throwable t) {
    if (t instanceof ApiException e) return e;
    if (t instanceof NotFoundException) return ApiException.notFound(null, t.getMessage());
    if (t instanceof IllegalRolloutTransitionException) {
      return ApiException.conflict("illegal_transition", t.getMessage());
    }
    if (t instanceof ConcurrentUpdateException) return ApiException.conflict("concurrent_update", t.getMessage());
    if (t instanceof StoreException) {
      LOG.warn("API: database failure: {}", t.toString());
      return new ApiException(503, "store_unavailable", null, "the database failed: " + t.getMessage());
    }
    LOG.error("API: unexpected failure", t);
    return new ApiException(500, "internal", null, "internal error (" + t.getClass().getSimpleName()
        + "); the controller log has the details");
  }

  private static void reply(RoutingContext ctx, Object result) {
    send(ctx, result instanceof Reply r ? r : Reply.json(200, result));
  }

  static void send(RoutingContext ctx, Reply r) {
    if (ctx.response().ended() || ctx.response().closed()) return;
    ctx.response().setStatusCode(r.status());
    if (r.location() != null) ctx.response().putHeader("location", r.location());
    if (r.contentType() != null) {
      ctx.response().putHeader("content-type", r.contentType()).end(String.valueOf(r.body()));
    } else {
      ctx.response().putHeader("content-type", JSON)
          .end(io.vertx.core.buffer.Buffer.buffer(RequestJson.write(r.body())));
    }
  }
}
