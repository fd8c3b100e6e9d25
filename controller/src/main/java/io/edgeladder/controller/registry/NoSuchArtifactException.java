package io.edgeladder.controller.registry;

import java.io.IOException;

/** The artifact store holds no file for a sha256. */
public final class NoSuchArtifactException extends IOException {
  public NoSuchArtifactException(String sha256) {
    super("artifact " + sha256 + " is not in the artifact store");
  }
}
