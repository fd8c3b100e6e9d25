package io.edgeladder.controller.app;

import io.edgeladder.controller.api.ApiTokens;
import io.edgeladder.protocol.net.BrokerUrls;
import io.edgeladder.protocol.net.TlsSettings;
import io.edgeladder.protocol.net.TlsSocketFactories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * The secret-bearing keys of {@code controller.yaml}: {@code broker.passwordFile}, {@code broker.tls.*}
 * (every PEM file parsed at load, so a bad one fails naming its key and path) and the REST API's tokens
 * ({@code http.token}, better from {@code EDGELADDER_HTTP_TOKEN}; {@code http.tokenFile}, default
 * {@code {dataDir}/api-token}; {@code http.generateToken}). No message ever contains a secret. Stateless.
 */
final class SecurityConfig {
  static final String TOKEN_FILE = "api-token";

  private SecurityConfig() {}

  /** {@code broker.password}, or the first line of {@code broker.passwordFile}; null for none. */
  static String brokerPassword(ConfigReader r) {
    String password = r.text("broker.password", null);
    Path file = r.path("broker.passwordFile", null);
    if (file == null) return password;
    if (password != null) {
      r.problem("broker.passwordFile and broker.password are both set; keep one (the file keeps the secret out"
          + " of the YAML)");
      return null;
    }
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int end = text.indexOf('\n');
      String first = (end < 0 ? text : text.substring(0, end)).strip();
      if (first.isEmpty()) r.problem("broker.passwordFile: " + file + " is empty (expected the password on its first"
          + " line)");
      return first.isEmpty() ? null : first;
    } catch (IOException e) {
      r.problem("broker.passwordFile: " + file + " cannot be read: " + e.getClass().getSimpleName());
      return null;
    }
  }

  /** {@code broker.tls.*}, or null when none of its keys is set; every file is loaded once to check it. */
  static TlsSettings brokerTls(ConfigReader r, String url) {
    Path ca = r.path("broker.tls.caFile", null);
    Path cert = r.path("broker.tls.certFile", null);
    Path key = r.path("broker.tls.keyFile", null);
    String verify = r.text("broker.tls.verifyHostname", null);
    boolean verifyHostname = r.flag("broker.tls.verifyHostname", true);
    if (ca == null && cert == null && key == null && verify == null) return null;
    if (url != null && BrokerUrls.supported(url) && !BrokerUrls.isTls(url)) {
      r.problem("broker.tls needs an ssl:// or mqtts:// broker.url but it was " + url);
      return null;
    }
    if ((cert == null) != (key == null)) {
      r.problem("broker.tls." + (cert == null ? "keyFile" : "certFile") + " needs broker.tls."
          + (cert == null ? "certFile" : "keyFile") + " too (mutual TLS takes a certificate and its key)");
      return null;
    }
    TlsSettings tls = new TlsSettings(ca, cert, key, verifyHostname);
    List<String> problems = TlsSocketFactories.problems(tls, "broker.tls");
    problems.forEach(r::problem);
    return problems.isEmpty() ? tls : null;
  }

  /** {@code http.*}; an existing token file is read now so a bad one is reported with the other problems. */
  static ControllerConfig.Http http(ConfigReader r, Path dataDir) {
    String host = r.text("http.host", "127.0.0.1");
    int port = (int) r.number("http.port", 8080, -1, 65_535);
    String token = r.text("http.token", null);
    Path file = r.path("http.tokenFile", dataDir.resolve(TOKEN_FILE).toString());
    boolean generate = r.flag("http.generateToken", true);
    if (token != null && ApiTokens.problem(token) != null) {
      r.problem("http.token " + ApiTokens.problem(token));
    }
    if (port >= 0 && Files.exists(file)) {
      try {
        ApiTokens.read(file);
      } catch (IOException | IllegalArgumentException e) {
        r.problem("http.tokenFile: " + file + ": " + describe(e));
      }
    } else if (port >= 0 && token == null && !generate) {
      r.problem("http.tokenFile: " + file + " does not exist and http.generateToken is false (write a token of"
          + " at least " + ApiTokens.MIN_LENGTH + " characters there, or set EDGELADDER_HTTP_TOKEN)");
    }
    return new ControllerConfig.Http(host, port, token, file, generate);
  }

  /**
   * The tokens the API accepts: {@code http.token} and every token of {@code http.tokenFile}; when neither
   * exists and generation is on, a new token is written to the file (its path logged, never the token).
   *
   * @throws IOException naming the key and file when the file cannot be used
   */
  static ApiTokens apiTokens(ControllerConfig.Http http, Logger log) throws IOException {
    List<String> tokens = new ArrayList<>();
    if (http.token() != null) tokens.add(http.token());
    Path file = http.tokenFile();
    if (file != null && Files.exists(file)) {
      try {
        tokens.addAll(ApiTokens.read(file));
      } catch (IOException | IllegalArgumentException e) {
        throw new IOException("http.tokenFile: " + file + ": " + describe(e), e);
      }
    } else if (tokens.isEmpty() && file != null && http.generateToken()) {
      ApiTokens.generate(file);
      tokens.addAll(ApiTokens.read(file));
      log.info("generated a REST API token in {} (send it as 'Authorization: Bearer <token>')", file);
    }
    if (tokens.isEmpty()) {
      throw new IOException("http: no REST API token (set http.tokenFile, EDGELADDER_HTTP_TOKEN or"
          + " http.generateToken: true)");
    }
    return ApiTokens.of(tokens);
  }

  private static String describe(Exception e) {
    return e instanceof IllegalArgumentException ? e.getMessage() : "cannot be read (" + e.getClass().getSimpleName()
        + ")";
  }
}
