package io.edgeladder.controller.api;

import io.edgeladder.controller.console.AgentHistory;
import io.edgeladder.controller.console.LiveAgent;
import io.edgeladder.controller.console.LiveBoard;
import io.edgeladder.controller.console.LiveEvent;
import io.edgeladder.controller.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;

/**
 * The console's live feed. {@code GET /live} is a server-sent event stream ({@code text/event-stream}): first
 * {@code event: snapshot} with every {@link LiveAgent} on the {@link LiveBoard}, then {@code event: agent} with
 * one agent's new figures after each birth, status, heartbeat or telemetry, and {@code event: agent-event}
 * with each agent event; a comment every {@value #KEEP_ALIVE_MS} ms keeps proxies from closing it. It needs
 * the bearer token like every data route, so the console reads it with {@code fetch()} (EventSource cannot
 * send headers). {@code GET /live/agents/{id}} is one agent's {@link AgentHistory}.
 *
 * <p><b>Threads:</b> board changes arrive on ingest lane threads and are written on the stream's event loop
 * ({@link Context#runOnContext}). A stream whose write queue is full skips updates (counted in
 * {@code api.live.dropped}); the next update of that agent carries its latest figures again.
 */
final class LiveApi {
  static final long KEEP_ALIVE_MS = 15_000;

  private final LiveBoard board;
  private final Store store;
  private final Counter dropped;

  LiveApi(LiveBoard board, Store store, MeterRegistry meters) {
    this.board = board;
    this.store = store;
    Gauge.builder("api.live.streams", board, LiveBoard::subscribers).description("open console event streams")
        .register(meters);
    this.dropped = Counter.builder("api.live.dropped").description("live updates skipped: stream write queue full")
        .register(meters);
  }

  void register(Router router, Exchange ex, String base) {
    router.get(base + "/live").handler(this::stream);
    router.get(base + "/live/agents/:id").handler(ex.handle("GET " + base + "/live/agents/:id", ctx -> {
      String id = ctx.pathParam("id");
      return () -> board.history(id).orElseGet(() -> {
        if (store.agents().find(id).isEmpty()) throw AgentsApi.unknownAgent(id);
        return AgentHistory.empty(id);
      });
    }));
  }

  private void stream(RoutingContext ctx) {
    HttpServerResponse res = ctx.response();
    Context loop = ctx.vertx().getOrCreateContext();
    res.setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-store").putHeader("x-accel-buffering", "no");
    res.write(frame("snapshot", board.agents()));
    LiveBoard.Subscriber sub = new LiveBoard.Subscriber() {
      @Override
      public void agent(LiveAgent agent) {
        loop.runOnContext(v -> send(res, "agent", agent));
      }

      @Override
      public void event(LiveEvent event) {
        loop.runOnContext(v -> send(res, "agent-event", event));
      }
    };
    board.subscribe(sub);
    long timer = ctx.vertx().setPeriodic(KEEP_ALIVE_MS, id -> {
      if (!res.closed()) res.write(": keep-alive\n\n");
    });
    res.closeHandler(v -> {
      board.unsubscribe(sub);
      ctx.vertx().cancelTimer(timer);
    });
  }

  private void send(HttpServerResponse res, String event, Object value) {
    if (res.closed() || res.ended()) return;
    if (res.writeQueueFull()) {
      dropped.increment();
      return;
    }
    res.write(frame(event, value));
  }

  /** One SSE frame; the JSON has no raw newline, so one {@code data:} line. */
  private static Buffer frame(String event, Object value) {
    String json = new String(RequestJson.write(value), StandardCharsets.UTF_8);
    return Buffer.buffer("event: " + event + "\ndata: " + json + "\n\n");
  }
}
