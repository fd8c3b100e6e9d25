package io.edgeladder.protocol.fuzz;

import io.edgeladder.protocol.dist.DistSamples;
import io.edgeladder.protocol.dist.KeyFiles;
import io.edgeladder.protocol.dist.Release;
import io.edgeladder.protocol.dist.Signer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Comparator;
import java.util.stream.Stream;

/** One real release (two rungs, real files) and a trusted signing key, made once per JVM. */
public final class ReleaseSamples {
  /** The controller's key pair the verifier trusts. */
  public static final KeyPair TRUSTED = KeyFiles.generate();
  /** A key pair nobody trusts. */
  public static final KeyPair STRANGER = KeyFiles.generate();
  public static final Signer SIGNER = Signer.of(TRUSTED);
  /** A valid release (DistSamples: fp32 300 001 bytes in 5 chunks, int8 65 536 bytes). */
  public static final Release RELEASE = release();

  private ReleaseSamples() {}

  private static Release release() {
    try {
      Path dir = Files.createTempDirectory("fuzz-release");
      try {
        return DistSamples.release(dir);
      } finally {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
