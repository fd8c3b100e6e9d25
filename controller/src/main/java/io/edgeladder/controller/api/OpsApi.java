package io.edgeladder.controller.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * {@code GET /health} (the process answers), {@code GET /ready} (broker connected and database reachable,
 * else 503), {@code GET /metrics} (Prometheus text of the controller's registry) and
 * {@code GET /openapi.yaml} (this API's OpenAPI document).
 */
final class OpsApi {
  static final String OPENAPI_RESOURCE = "/openapi.yaml";
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final BooleanSupplier brokerConnected;
  private final DataSource database;
  private final Optional<PrometheusMeterRegistry> prometheus;
  private final String openApi;

  OpsApi(BooleanSupplier brokerConnected, DataSource database, MeterRegistry meters) {
    this.brokerConnected = brokerConnected;
    this.database = database;
    this.prometheus = prometheus(meters);
    this.openApi = openApiText();
  }

  void register(Router router, Exchange ex, String base) {
    router.get(base + "/health").handler(ctx -> Exchange.send(ctx, Reply.json(200, Map.of("status", "UP"))));
    router.get(base + "/ready").handler(ex.handle("GET " + base + "/ready", ctx -> this::ready));
    router.get(base + "/metrics").handler(ex.handle("GET " + base + "/metrics", ctx -> () -> {
      PrometheusMeterRegistry p = prometheus.orElseThrow(() -> new ApiException(501, "not_exported", null,
          "the controller was started without a Prometheus meter registry"));
      return Reply.text(200, p.scrape(), PROMETHEUS_TEXT);
    }));
    router.get(base + "/openapi.yaml").handler(ctx -> Exchange.send(ctx, Reply.text(200, openApi,
        "application/yaml; charset=utf-8")));
  }

  private Reply ready() {
    boolean broker = brokerConnected.getAsBoolean();
    boolean db;
    try (Connection c = database.getConnection()) {
      db = c.isValid(2);
    } catch (Exception e) { // NOPMD: any failure means not ready
      db = false;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", broker && db ? "UP" : "DOWN");
    body.put("broker", broker);
    body.put("database", db);
    return Reply.json(broker && db ? 200 : 503, body);
  }

  private static Optional<PrometheusMeterRegistry> prometheus(MeterRegistry meters) {
    if (meters instanceof PrometheusMeterRegistry p) return Optional.of(p);
    if (meters instanceof CompositeMeterRegistry c) {
      for (MeterRegistry m : c.getRegistries()) {
        Optional<PrometheusMeterRegistry> p = prometheus(m);
        if (p.isPresent()) return p;
      }
    }
    return Optional.empty();
  }

  static String openApiText() {
    try (InputStream in = OpsApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the classpath");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
