package io.edgeladder.controller.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** Options every REST command takes: where the controller is, and whether to print JSON for scripts. */
public final class RestOptions {
  @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
      description = "the controller's REST API (default: ${DEFAULT-VALUE})")
  URI url;

  @Option(names = "--json", description = "print the controller's JSON answer instead of a table")
  boolean json;
}
