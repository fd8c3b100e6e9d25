package io.edgeladder.controller.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The first handler of every request: lets {@code GET /health}, {@code GET /ready} and the console's files
 * ({@link ConsoleRoutes}) through, and every
 * other request only with {@code Authorization: Bearer <token>} naming one of the {@link ApiTokens}.
 * Otherwise answers 401 with {@code WWW-Authenticate: Bearer} and the usual {@code {error, field, message}}
 * body ({@code error = unauthorized}), counted in {@code api.rejected{route,reason=unauthorized}} where
 * {@code route} is the template the request would have reached (bounded: {@code unmatched} for any other
 * path). Neither the header nor the token is ever logged or echoed. Runs on the event loop; no I/O.
 */
final class BearerAuth implements Handler<RoutingContext> {
  static final String REASON = "unauthorized";
  private static final String PREFIX = "Bearer ";

  private final ApiTokens tokens;
  private final Exchange exchange;
  private final Set<String> open;
  private Router router; // set once before the server listens

  BearerAuth(ApiTokens tokens, Exchange exchange, String base) {
    this.tokens = tokens;
    this.exchange = exchange;
    this.open = Set.of(base + "/health", base + "/ready");
  }

  /** The router whose routes name the metric tag of a refused request. */
  void routesOf(Router r) {
    this.router = r;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.request().method() == HttpMethod.GET
        && (open.contains(ctx.normalizedPath()) || ConsoleRoutes.isPublic(ctx.normalizedPath()))) {
      ctx.next();
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    String message;
    if (header == null) {
      message = "this route needs an 'Authorization: Bearer <token>' header (the token is in the controller's"
          + " http.tokenFile)";
    } else if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      message = "the Authorization header must read 'Bearer <token>'";
    } else if (tokens.accepts(header.substring(PREFIX.length()).strip())) {
      ctx.next();
      return;
    } else {
      message = "the bearer token is not valid";
    }
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"edgeladder\"");
    exchange.fail(ctx, route(ctx), new ApiException(401, REASON, "Authorization", message));
  }

  /** {@code METHOD /template} of the route the request matches, or {@code unmatched}. */
  private String route(RoutingContext ctx) {
    if (router == null) return "unmatched";
    String[] path = ctx.normalizedPath().split("/", -1);
    for (Route r : router.getRoutes()) {
      if (r.getPath() != null && r.methods() != null && r.methods().contains(ctx.request().method())
          && matches(r.getPath().split("/", -1), path)) {
        return ctx.request().method().name() + " " + r.getPath();
      }
    }
    return "unmatched";
  }

  private static boolean matches(String[] template, String[] path) {
    if (template.length != path.length) return false;
    for (int i = 0; i < template.length; i++) {
      boolean param = template[i].startsWith(":") && !path[i].isEmpty();
      if (!param && !template[i].equals(path[i])) return false;
    }
    return true;
  }
}
