package io.edgeladder.controller.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's static files, read once from the classpath folder {@value #FOLDER} into memory (about
 * 27 KB): plain HTML, CSS and ES modules, no build step. Only the names in {@link #FILES} are served, so a
 * request path can never reach another resource. Immutable after construction; thread-safe.
 */
public final class ConsoleAssets {
  static final String FOLDER = "console/";
  /** Every file the console consists of; a file missing from the classpath fails {@link #load()}. */
  public static final List<String> FILES = List.of("index.html", "style.css", "app.js", "api.js", "live.js", "state.js",
      "format.js", "fleet.js", "agent.js", "ladders.js", "rollouts.js");

  /** One file: its bytes and media type. */
  public record Asset(byte[] bytes, String contentType) {}

  private final Map<String, Asset> assets;

  private ConsoleAssets(Map<String, Asset> assets) {
    this.assets = assets;
  }

  /** @throws IllegalStateException naming the file when one of {@link #FILES} is not on the classpath */
  public static ConsoleAssets load() {
    Map<String, Asset> out = new LinkedHashMap<>();
    ClassLoader cl = ConsoleAssets.class.getClassLoader();
    for (String name : FILES) {
      try (InputStream in = cl.getResourceAsStream(FOLDER + name)) {
        if (in == null) throw new IllegalStateException("console asset " + FOLDER + name + " is not on the classpath");
        out.put(name, new Asset(in.readAllBytes(), type(name)));
      } catch (IOException e) {
        throw new UncheckedIOException("console asset " + FOLDER + name + " cannot be read", e);
      }
    }
    return new ConsoleAssets(Map.copyOf(out));
  }

  /** The file called {@code name} (no folders), empty if the console has none. */
  public Optional<Asset> get(String name) {
    return Optional.ofNullable(assets.get(name));
  }

  private static String type(String name) {
    if (name.endsWith(".html")) return "text/html; charset=utf-8";
    if (name.endsWith(".css")) return "text/css; charset=utf-8";
    if (name.endsWith(".js")) return "text/javascript; charset=utf-8";
    throw new IllegalStateException("console asset " + name + " has no known media type");
  }
}
