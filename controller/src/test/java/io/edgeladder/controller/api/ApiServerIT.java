package io.edgeladder.controller.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.controller.app.Controller;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@link ApiServer} over a real controller's services: its Router registers exactly the operations
 * {@code openapi.yaml} documents, and blocking work runs on the worker pool, not the event loop.
 */
@Timeout(120)
class ApiServerIT {
  @TempDir
  static Path dir;

  private static ControllerFixture fx;

  @BeforeAll
  static void start() throws Exception {
    fx = ControllerFixture.start(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  private static ApiServer server(BooleanSupplier brokerConnected) throws Exception {
    Controller c = fx.controller;
    return ApiServer.start(new ApiServices(c.store(), c.fleet(), c.desired(), c.publisher(), c.rollouts(), c.live(),
        brokerConnected, fx.meters), "127.0.0.1", 0, ApiTokens.of(List.of(fx.token)));
  }

  @Test
  void routes_onRouter_equalDocumentedOperations() throws Exception {
    List<String> registered;
    try (ApiServer api = server(() -> true)) {
      registered = api.routes();
    }
    assertThat(registered).hasSizeGreaterThanOrEqualTo(18).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(registered)).containsExactlyElementsOf(OpenApiDocumentTest.documented(new SchemaCheck()));
  }

  @Test
  void blockedWorker_eventLoopStillAnswers() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HttpClient http = HttpClient.newHttpClient();
    try (ApiServer api = server(() -> {
      entered.countDown();
      try {
        return release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    })) {
      String base = "http://127.0.0.1:" + api.port() + "/api/v1";
      CompletableFuture<HttpResponse<String>> ready = http.sendAsync(get(base + "/ready"),
          HttpResponse.BodyHandlers.ofString());
      assertThat(entered.await(10, TimeUnit.SECONDS)).as("/ready reached the blocking check").isTrue();
      // /ready holds a worker thread; the event loop and the other workers keep serving.
      assertThat(http.send(get(base + "/health"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      assertThat(http.send(get(base + "/agents"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      assertThat(ready).isNotDone();
      release.countDown();
      assertThat(ready.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
  }

  private static HttpRequest get(String uri) {
    return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5)).GET()
        .header("authorization", "Bearer " + fx.token).build();
  }
}
