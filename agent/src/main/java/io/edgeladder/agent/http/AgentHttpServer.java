package io.edgeladder.agent.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's HTTP endpoint (Vert.x, one event loop thread: gateways have two cores and inference
 * needs them).
 *
 * <ul>
 *   <li>{@code GET /metrics}: Prometheus text format 0.0.4 of the registry.</li>
 *   <li>{@code GET /health}, {@code GET /ready}: 200 {@code {"status":"UP"}} or 503 {@code {"status":"DOWN"}}.</li>
 *   <li>{@code GET /status}: the supplied map as JSON.</li>
 *   <li>anything else: 404 (or 405 for a known path with another method), JSON {@code {"error":...}}.</li>
 * </ul>
 *
 * <p><b>Threads:</b> every supplier is called on the Vert.x event loop, once per request; each must return
 * a snapshot at once, without blocking or locking against the inference path. A supplier that throws
 * makes {@code /health} and {@code /ready} answer DOWN and {@code /status} answer 500.
 */
public final class AgentHttpServer implements AutoCloseable {
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String JSON = "application/json";
  private static final long START_TIMEOUT_SECONDS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(AgentHttpServer.class);
  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private final Vertx vertx;
  private final HttpServer server;
  private final AtomicBoolean closed = new AtomicBoolean();

  private AgentHttpServer(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /**
   * Starts listening and returns once the port is bound.
   *
   * @param host address to bind, e.g. {@code 127.0.0.1}
   * @param port TCP port, 0 for any free port (see {@link #port()})
   * @param registry served on {@code /metrics}
   * @param status values for {@code /status}: JSON-friendly (strings, numbers, booleans, lists, maps, records)
   * @param ready whether the agent is ready to work (e.g. broker connected, models loaded)
   * @param healthy whether the agent is alive (false asks the supervisor to restart it)
   * @throws IOException when the address cannot be bound (port in use, unknown host) or binding takes
   *     longer than 10 s; the message names host and port
   */
  public static AgentHttpServer start(
      String host,
      int port,
      PrometheusMeterRegistry registry,
      Supplier<Map<String, Object>> status,
      BooleanSupplier ready,
      BooleanSupplier healthy)
      throws IOException {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(ready, "ready");
    Objects.requireNonNull(healthy, "healthy");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("http port must be between 0 and 65535 but was " + port);
    }
    // File caching off: Vert.x would otherwise create .vertx/ in the working directory, which a
    // hardened service unit may not allow and which this server never needs.
    Vertx vertx = Vertx.vertx(new VertxOptions()
        .setEventLoopPoolSize(1)
        .setWorkerPoolSize(1)
        .setInternalBlockingPoolSize(1)
        .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
            .setClassPathResolvingEnabled(false)));
    Router router = routes(vertx, registry, status, ready, healthy);
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
        .requestHandler(router);
    try {
      server.listen().toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      closeQuietly(vertx);
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IOException("agent HTTP server cannot listen on " + host + ":" + port + ": " + cause, cause);
    } catch (InterruptedException e) {
      closeQuietly(vertx);
      Thread.currentThread().interrupt();
      throw new IOException("agent HTTP server start on " + host + ":" + port + " was interrupted", e);
    }
    LOG.info("agent HTTP server listening on {}:{}", host, server.actualPort());
    return new AgentHttpServer(vertx, server);
  }

  private static Router routes(Vertx vertx, PrometheusMeterRegistry registry,
      Supplier<Map<String, Object>> status, BooleanSupplier ready, BooleanSupplier healthy) {
    Router router = Router.router(vertx);
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("content-type", PROMETHEUS_TEXT)
        .end(registry.scrape()));
    router.get("/health").handler(ctx -> upDown(ctx, healthy));
    router.get("/ready").handler(ctx -> upDown(ctx, ready));
    router.get("/status").handler(ctx -> statusJson(ctx, status));
    router.errorHandler(404, ctx -> json(ctx, 404, error("no such resource: " + ctx.request().path())));
    router.errorHandler(405, ctx -> json(ctx, 405, error("method not allowed: " + ctx.request().method())));
    router.errorHandler(500, ctx -> json(ctx, 500, error("internal error")));
    return router;
  }

  private static void upDown(RoutingContext ctx, BooleanSupplier check) {
    boolean up;
    try {
      up = check.getAsBoolean();
    } catch (RuntimeException e) {
      LOG.warn("{} check threw; answering DOWN", ctx.request().path(), e);
      up = false;
    }
    json(ctx, up ? 200 : 503, up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
  }

  private static void statusJson(RoutingContext ctx, Supplier<Map<String, Object>> status) {
    String body;
    try {
      body = MAPPER.writeValueAsString(status.get());
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.warn("/status supplier or serialisation failed", e);
      json(ctx, 500, error("status unavailable: " + e.getClass().getSimpleName()));
      return;
    }
    json(ctx, 200, body);
  }

  private static void json(RoutingContext ctx, int code, String body) {
    if (ctx.response().ended()) return;
    ctx.response().setStatusCode(code).putHeader("content-type", JSON).end(body);
  }

  private static String error(String message) {
    try {
      return MAPPER.writeValueAsString(Map.of("error", message));
    } catch (JsonProcessingException e) {
      return "{\"error\":\"unknown\"}";
    }
  }

  /** The bound port (the chosen one when started with port 0). */
  public int port() {
    return server.actualPort();
  }

  /** Stops listening and releases the event loop; waits up to 5 s for each. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    try {
      // Sequential from the caller's thread: a callback chained on the event loop could not complete
      // once vertx.close() has terminated that loop.
      server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("agent HTTP server did not stop listening cleanly", e);
    }
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("agent HTTP server event loop did not stop cleanly", e);
    }
  }

  private static void closeQuietly(Vertx vertx) {
    vertx.close();
  }
}
