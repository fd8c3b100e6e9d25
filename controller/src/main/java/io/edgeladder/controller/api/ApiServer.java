package io.edgeladder.controller.api;

import io.edgeladder.controller.console.ConsoleAssets;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's REST API on Vert.x Web, every route under {@value #BASE} and documented in
 * {@code openapi.yaml} (served at {@code /api/v1/openapi.yaml}). JSON in and out; errors are
 * {@code {error, field, message}} with a 4xx status for bad requests (counted in {@code api.rejected}).
 * Every route but {@code GET /health} and {@code GET /ready} needs {@code Authorization: Bearer <token>}
 * ({@link BearerAuth}; 401 {@code unauthorized} otherwise). The web console's static files are served at
 * {@code /console/} without a token ({@link ConsoleRoutes}); its data comes from the API with one.
 *
 * <p><b>Threads:</b> one event loop parses requests and writes answers; database, broker and file work runs
 * on a pool of {@value #WORKERS} worker threads ({@code edgeladder-api-*}), never on the event loop. Owns its
 * Vert.x instance: {@link #close()} stops listening and releases both. Not owned: the {@link ApiServices}.
 */
public final class ApiServer implements AutoCloseable {
  public static final String BASE = "/api/v1";
  static final int WORKERS = 4;
  static final long BODY_LIMIT_BYTES = 1 << 20;
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final Vertx vertx;
  private final WorkerExecutor workers;
  private final HttpServer server;
  private final Router router;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ApiServer(Vertx vertx, WorkerExecutor workers, HttpServer server, Router router) {
    this.vertx = vertx;
    this.workers = workers;
    this.server = server;
    this.router = router;
  }

  /**
   * Starts listening and returns once the port is bound.
   *
   * @param port 0 for any free port ({@link #port()} tells which)
   * @param tokens the bearer tokens every route but {@code GET /health} and {@code GET /ready} requires
   * @throws IOException when the address cannot be bound within 10 s; the message names host and port
   */
  public static ApiServer start(ApiServices services, String host, int port, ApiTokens tokens) throws IOException {
    if (port < 0 || port > 65_535) throw new IllegalArgumentException("http.port must be 0..65535 but was " + port);
    // File caching off: Vert.x would otherwise create .vertx/ in the working directory.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
        .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
            .setClassPathResolvingEnabled(false)));
    WorkerExecutor workers = vertx.createSharedWorkerExecutor("edgeladder-api", WORKERS);
    Exchange ex = new Exchange(workers, new ApiMetrics(services.meters()));
    Router router = routes(vertx, ex, services, new BearerAuth(tokens, ex, BASE));
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
        .requestHandler(router);
    try {
      server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      vertx.close();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IOException("REST API cannot listen on " + host + ":" + port + ": " + cause, cause);
    } catch (InterruptedException e) {
      vertx.close();
      Thread.currentThread().interrupt();
      throw new IOException("REST API start on " + host + ":" + port + " was interrupted", e);
    }
    LOG.info("REST API listening on http://{}:{}{}", host, server.actualPort(), BASE);
    return new ApiServer(vertx, workers, server, router);
  }

  private static Router routes(Vertx vertx, Exchange ex, ApiServices s, BearerAuth auth) {
    Router router = Router.router(vertx);
    auth.routesOf(router);
    router.route().handler(auth); // first: an unauthenticated body is never read
    router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
    new AgentsApi(s.store(), s.fleet()).register(router, ex, BASE);
    new ModelsApi(s.store().models(), s.publisher()).register(router, ex, BASE);
    new DesiredApi(s.store(), s.desired()).register(router, ex, BASE);
    new RolloutsApi(s.store(), s.rollouts()).register(router, ex, BASE);
    new LiveApi(s.live(), s.store(), s.meters()).register(router, ex, BASE);
    new ConsoleRoutes(ConsoleAssets.load()).register(router, ex);
    new OpsApi(s.brokerConnected(), s.store().database().dataSource(), s.meters()).register(router, ex, BASE);
    router.errorHandler(400, ctx -> ex.fail(ctx, tag(ctx), ApiException.badRequest("bad_request", null,
        "the request cannot be read")));
    router.errorHandler(404, ctx -> ex.fail(ctx, tag(ctx), new ApiException(404, "no_route", null,
        "no route " + ctx.request().method() + " " + ctx.request().path() + " (see " + BASE + "/openapi.yaml)")));
    router.errorHandler(405, ctx -> ex.fail(ctx, tag(ctx), new ApiException(405, "method_not_allowed", null,
        ctx.request().method() + " is not allowed on " + ctx.request().path())));
    router.errorHandler(413, ctx -> ex.fail(ctx, tag(ctx), new ApiException(413, "body_too_large", null,
        "the body exceeds " + BODY_LIMIT_BYTES + " bytes")));
    router.errorHandler(500, ctx -> ex.fail(ctx, tag(ctx), ctx.failure() != null ? ctx.failure()
        : new IllegalStateException("handler failed without a cause")));
    return router;
  }

  /** The metric tag of a failed request: its route template, or {@code unmatched}. */
  private static String tag(RoutingContext ctx) {
    Route r = ctx.currentRoute();
    return r != null && r.getPath() != null ? ctx.request().method() + " " + r.getPath() : "unmatched";
  }

  /** Every API route as {@code METHOD /path/{param}} (the OpenAPI document's form), sorted; not the console files. */
  List<String> routes() {
    List<String> out = new ArrayList<>();
    for (Route r : router.getRoutes()) {
      if (r.getPath() == null || !r.getPath().startsWith(BASE)) continue; // auth and body handlers; console files
      String path = r.getPath().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      r.methods().forEach(m -> out.add(m.name() + " " + path));
    }
    out.sort(null);
    return out;
  }

  /** The bound port (the chosen one when started with port 0). */
  public int port() {
    return server.actualPort();
  }

  /** Stops listening, then the worker pool and Vert.x; waits up to 5 s for each. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    await(server.close().toCompletionStage().toCompletableFuture(), "stop listening");
    await(workers.close().toCompletionStage().toCompletableFuture(), "stop the worker pool");
    await(vertx.close().toCompletionStage().toCompletableFuture(), "stop Vert.x");
  }

  private static void await(java.util.concurrent.CompletableFuture<Void> f, String what) {
    try {
      f.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("REST API did not {} cleanly: {}", what, e.toString());
    }
  }
}
