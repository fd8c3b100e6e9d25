package io.edgeladder.controller.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A small JSON client of the controller's REST API ({@code java.net.http}). Every call returns the answer
 * whatever its status; a controller that cannot be reached is an {@link IOException}. One instance per
 * command; not shared between threads.
 */
final class RestClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASE = "/api/v1";

  /** One answer; {@code json} is {@code null} when the body is not JSON. */
  record Response(int status, String body, JsonNode json) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final URI root;
  private final String token; // never printed
  private final HttpClient http;

  /** @param token the API's bearer token, {@code null} to send none */
  RestClient(URI root, String token) {
    String s = root.toString();
    this.root = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    this.token = token;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  URI root() {
    return root;
  }

  Response get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  Response post(String path, Object body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).POST(publisher(body)).header("content-type", "application/json"));
  }

  Response put(String path, Object body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).PUT(publisher(body)).header("content-type", "application/json"));
  }

  /** A query parameter value, URL-encoded. */
  static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private URI uri(String path) {
    return URI.create(root + BASE + path);
  }

  private static HttpRequest.BodyPublisher publisher(Object body) throws JsonProcessingException {
    return body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
  }

  private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
    if (token != null) request.header("authorization", "Bearer " + token);
    HttpResponse<String> r = http.send(request.timeout(Duration.ofMinutes(5)).header("accept", "application/json")
        .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    JsonNode json;
    try {
      json = r.body().isEmpty() ? null : JSON.readTree(r.body());
    } catch (JsonProcessingException e) {
      json = null;
    }
    return new Response(r.statusCode(), r.body(), json);
  }
}
