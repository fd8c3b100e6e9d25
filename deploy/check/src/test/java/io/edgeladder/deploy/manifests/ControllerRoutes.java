package io.edgeladder.deploy.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The controller's REST routes as its own {@code openapi.yaml} (in the controller jar, served at
 * {@code /api/v1/openapi.yaml}) declares them: the GET paths that need no token ({@code security: []})
 * are the only ones a kubelet probe can call.
 */
final class ControllerRoutes {
  private ControllerRoutes() {}

  /** Every GET path with {@code security: []}. */
  static Set<String> openGetPaths() {
    Set<String> open = new TreeSet<>();
    for (Map.Entry<String, JsonNode> p : openapi().path("paths").properties()) {
      JsonNode security = p.getValue().path("get").path("security");
      if (security.isArray() && security.isEmpty()) open.add(p.getKey());
    }
    return open;
  }

  private static JsonNode openapi() {
    try (InputStream in = ControllerRoutes.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
      if (in == null) throw new IllegalStateException("openapi.yaml is not on the class path (controller jar)");
      return KubeManifests.YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the controller's openapi.yaml", e);
    }
  }
}
