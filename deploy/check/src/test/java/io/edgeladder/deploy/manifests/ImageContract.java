package io.edgeladder.deploy.manifests;

import java.util.Set;

/** The images the project builds (deploy/image) and the public ones the manifests may run, pinned. */
final class ImageContract {
  static final String AGENT = "edgeladder/agent:0.1.0-SNAPSHOT";
  static final String CONTROLLER = "edgeladder/controller:0.1.0-SNAPSHOT";
  /** Public images by repository; every reference must carry an explicit version tag. */
  static final Set<String> PUBLIC = Set.of("eclipse-mosquitto", "postgres", "prom/prometheus", "grafana/grafana",
      "emqx/emqx");

  private ImageContract() {}

  /** Why {@code image} breaks the contract, or null when it keeps it. */
  static String problem(String image) {
    if (image == null || image.isBlank()) return "no image";
    if (image.startsWith("edgeladder/")) {
      return image.equals(AGENT) || image.equals(CONTROLLER) ? null
          : "'" + image + "' is not one of the images deploy/image builds (" + AGENT + ", " + CONTROLLER + ")";
    }
    int colon = image.lastIndexOf(':');
    String repo = colon < 0 ? image : image.substring(0, colon);
    if (!PUBLIC.contains(repo)) return "'" + image + "' is not an image the deployment expects " + PUBLIC;
    if (colon < 0 || image.endsWith(":latest")) return "'" + image + "' has no pinned version tag";
    return null;
  }
}
