package io.edgeladder.controller.registry;

import java.io.IOException;

/** Artifact bytes do not match what they must be: another sha256, or another size on disk. */
public final class ArtifactIntegrityException extends IOException {
  public ArtifactIntegrityException(String message) {
    super(message);
  }
}
