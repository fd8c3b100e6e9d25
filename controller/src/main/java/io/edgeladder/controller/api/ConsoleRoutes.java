package io.edgeladder.controller.api;

import io.edgeladder.controller.console.ConsoleAssets;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The web console's files: {@code GET /} redirects to {@value #ROOT}, {@code GET /console/{file}} serves one
 * of {@link ConsoleAssets#FILES} ({@code index.html} for the bare folder). These are public (they hold no
 * data: every figure the console shows comes from the API with the operator's bearer token); the
 * Content-Security-Policy allows scripts, styles and requests to this origin only.
 */
final class ConsoleRoutes {
  static final String ROOT = "/console/";
  private static final String CSP = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

  private final ConsoleAssets assets;

  ConsoleRoutes(ConsoleAssets assets) {
    this.assets = assets;
  }

  /** Whether {@code path} is one of these public routes (for {@link BearerAuth}). */
  static boolean isPublic(String path) {
    return path.equals("/") || path.equals("/console") || path.startsWith(ROOT);
  }

  void register(Router router, Exchange ex) {
    router.get("/").handler(ctx -> ctx.redirect(ROOT));
    // Vert.x matches /console and /console/ alike; the files' relative links need the slash.
    router.get(ROOT).handler(ctx -> {
      if (ctx.request().path().endsWith("/")) {
        serve(ctx, ex, "index.html");
      } else {
        ctx.redirect(ROOT);
      }
    });
    router.get(ROOT + ":file").handler(ctx -> serve(ctx, ex, ctx.pathParam("file")));
  }

  private void serve(RoutingContext ctx, Exchange ex, String file) {
    ConsoleAssets.Asset a = assets.get(file).orElse(null);
    if (a == null) {
      ex.fail(ctx, "GET " + ROOT + ":file", ApiException.notFound("file", "the console has no file " + file));
      return;
    }
    ctx.response().putHeader("content-type", a.contentType()).putHeader("cache-control", "no-cache")
        .putHeader("x-content-type-options", "nosniff").putHeader("content-security-policy", CSP)
        .putHeader("referrer-policy", "no-referrer").end(Buffer.buffer(a.bytes()));
  }
}
