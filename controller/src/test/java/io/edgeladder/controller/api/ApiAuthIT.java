package io.edgeladder.controller.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The REST API behind its bearer token, on a real controller whose token was generated at start: every
 * documented route but health and ready answers 401 {@code unauthorized} without the token (counted per
 * route), with the right token it answers, and no log line of the whole run carries the token.
 */
@Timeout(120)
class ApiAuthIT {
  @TempDir
  static Path dir;

  private static ControllerFixture fx;
  private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    LOGS.start();
    root().addAppender(LOGS);
    fx = ControllerFixture.start(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (fx != null) fx.close();
    root().detachAppender(LOGS);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private static HttpResponse<String> send(String method, String path, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.url + path)).timeout(Duration.ofSeconds(30))
        .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString("{}"));
    if (authorization != null) b.header("authorization", authorization);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthAndReady_needNoToken() throws Exception {
    assertThat(send("GET", "/api/v1/health", null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/v1/ready", null).statusCode()).isEqualTo(200);
  }

  @Test
  void everyOtherDocumentedRoute_withoutToken_401() throws Exception {
    List<String> open = List.of("GET /api/v1/health", "GET /api/v1/ready");
    List<String> answered = new ArrayList<>();
    for (String op : OpenApiDocumentTest.documented(new SchemaCheck())) {
      if (open.contains(op)) continue;
      String method = op.substring(0, op.indexOf(' '));
      String path = op.substring(op.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x1");
      HttpResponse<String> r = send(method, path, null);
      if (r.statusCode() != 401) answered.add(op + " -> " + r.statusCode());
    }
    assertThat(answered).as("routes answering without a token").isEmpty();
  }

  @Test
  void missingToken_401WithErrorBodyAndChallenge_countedPerRoute() throws Exception {
    double before = fx.rejected("GET /api/v1/agents/:id", BearerAuth.REASON);
    HttpResponse<String> r = send("GET", "/api/v1/agents/gw-1", null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("www-authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    JsonNode body = ControllerFixture.JSON.readTree(r.body());
    assertThat(body.get("error").asText()).isEqualTo("unauthorized");
    assertThat(body.get("field").asText()).isEqualTo("Authorization");
    assertThat(body.get("message").asText()).contains("Authorization: Bearer");
    assertThat(fx.rejected("GET /api/v1/agents/:id", BearerAuth.REASON)).isEqualTo(before + 1);
  }

  @Test
  void wrongTokenOrScheme_401_unknownPathCountedAsUnmatched() throws Exception {
    HttpResponse<String> wrong = send("GET", "/api/v1/agents", "Bearer " + fx.token + "x");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("not valid").doesNotContain(fx.token);
    HttpResponse<String> basic = send("GET", "/api/v1/agents", "Basic " + fx.token);
    assertThat(basic.statusCode()).isEqualTo(401);
    assertThat(basic.body()).contains("must read 'Bearer <token>'");
    double before = fx.rejected("unmatched", BearerAuth.REASON);
    assertThat(send("GET", "/api/v1/no-such-route", null).statusCode()).isEqualTo(401);
    assertThat(fx.rejected("unmatched", BearerAuth.REASON)).isEqualTo(before + 1);
  }

  @Test
  void rightToken_answers_caseInsensitiveScheme() throws Exception {
    assertThat(send("GET", "/api/v1/agents", "Bearer " + fx.token).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/v1/agents", "bearer " + fx.token).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/v1/openapi.yaml", "Bearer " + fx.token).statusCode()).isEqualTo(200);
  }

  @Test
  void token_neverLogged_tokenFileIsOwnerOnly() throws Exception {
    send("GET", "/api/v1/agents", "Bearer " + fx.token + "x");
    send("GET", "/api/v1/agents", "Bearer " + fx.token);
    List<String> lines = LOGS.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("generated a REST API token in " + fx.tokenFile));
    assertThat(lines).noneSatisfy(l -> assertThat(l).contains(fx.token));
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
        java.nio.file.Files.getPosixFilePermissions(fx.tokenFile))).isEqualTo("rw-------");
  }
}
