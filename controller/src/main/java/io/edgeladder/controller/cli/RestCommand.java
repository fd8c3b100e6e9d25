package io.edgeladder.controller.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the commands that call the controller's REST API. A subclass makes its calls in {@link #run}
 * and prints a table for people; with {@code --json} the controller's JSON is printed as it came.
 * Exit codes: {@value #OK} success, {@value #BAD_REQUEST} a usage error or a 4xx answer (its message on
 * stderr), {@value #UNAVAILABLE} the controller unreachable or a 5xx answer.
 */
abstract class RestCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int BAD_REQUEST = 2;
  static final int UNAVAILABLE = 3;

  @Spec
  CommandSpec spec;

  @Mixin
  RestOptions rest;

  /** An answer that ends the command: a 4xx or 5xx, or a usage problem found before calling. */
  static final class Stop extends Exception {
    private static final long serialVersionUID = 1L;
    final int code;

    Stop(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  /** Makes the calls and prints. @throws Stop to end with an exit code */
  abstract void run(RestClient client) throws Stop, IOException, InterruptedException;

  @Override
  public final Integer call() {
    RestClient client;
    try {
      client = new RestClient(rest.url, rest.token());
    } catch (IOException e) {
      err().println("error: " + e.getMessage());
      err().flush();
      return BAD_REQUEST;
    }
    try {
      run(client);
      return OK;
    } catch (Stop s) {
      err().println("error: " + s.getMessage());
      err().flush();
      return s.code;
    } catch (IOException e) {
      err().println("error: controller unreachable at " + client.root() + ": " + e);
      err().flush();
      return UNAVAILABLE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return UNAVAILABLE;
    }
  }

  /** The answer's JSON if it succeeded. @throws Stop with the controller's message otherwise */
  static JsonNode check(RestClient.Response r) throws Stop {
    if (r.ok() && r.json() != null) return r.json();
    String message = r.json() != null && r.json().hasNonNull("message") ? r.json().get("message").asText() : r.body();
    if (r.json() != null && r.json().hasNonNull("field")) message += " (field " + r.json().get("field").asText() + ")";
    if (r.ok()) message = "the controller answered " + r.status() + " without JSON";
    throw new Stop(r.status() >= 400 && r.status() < 500 ? BAD_REQUEST : UNAVAILABLE,
        "HTTP " + r.status() + ": " + message);
  }

  /** Prints {@code json} for scripts when {@code --json}, else runs {@code human}. */
  void print(JsonNode json, java.util.function.Consumer<PrintWriter> human) {
    PrintWriter out = spec.commandLine().getOut();
    if (rest.json) {
      try {
        out.println(RestClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
      } catch (JsonProcessingException e) {
        out.println(json);
      }
    } else {
      human.accept(out);
    }
    out.flush();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** A field as text, {@code -} when absent or null. */
  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? "-" : v.asText();
  }

  /** The first 12 characters of a sha256 (what tables show). */
  static String shortSha(String sha) {
    return sha == null || sha.length() < 12 || "-".equals(sha) ? sha : sha.substring(0, 12);
  }
}
