package io.edgeladder.controller.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options every REST command takes: where the controller is, its API token, and whether to print JSON for
 * scripts. The token comes from {@code --token}, else {@code --token-file}, else the environment variable
 * {@value #TOKEN_ENV} (prefer the file or the variable: a flag shows in {@code ps}).
 */
public final class RestOptions {
  static final String TOKEN_ENV = "EDGELADDER_API_TOKEN";

  @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
      description = "the controller's REST API (default: ${DEFAULT-VALUE})")
  URI url;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "the API's bearer token (default: $" + TOKEN_ENV + "; prefer it or --token-file)")
  String token;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "a file whose first line is the API's bearer token (the controller's http.tokenFile)")
  Path tokenFile;

  @Option(names = "--json", description = "print the controller's JSON answer instead of a table")
  boolean json;

  /**
   * The token to send, {@code null} for none.
   *
   * @throws IOException naming {@code --token-file} and the file when it cannot be read or is empty
   */
  String token() throws IOException {
    if (token != null && !token.isBlank()) return token.strip();
    if (tokenFile != null) {
      String text;
      try {
        text = Files.readString(tokenFile, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IOException("--token-file " + tokenFile + " cannot be read (" + e.getClass().getSimpleName()
            + ")", e);
      }
      for (String line : text.split("\n")) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) return t;
      }
      throw new IOException("--token-file " + tokenFile + " holds no token");
    }
    String env = System.getenv(TOKEN_ENV);
    return env == null || env.isBlank() ? null : env.strip();
  }
}
