package io.edgeladder.controller.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Streams bytes to a file while hashing them. */
final class Sha256Copy {
  private static final int BUFFER = 1 << 16;

  private Sha256Copy() {}

  /** Copies {@code in} to a new file {@code to}, forced to disk; returns its sha256 and size. */
  static StoredArtifact copy(InputStream in, Path to) throws IOException {
    MessageDigest digest = sha256();
    byte[] buf = new byte[BUFFER];
    long size = 0;
    try (FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int n; (n = in.read(buf)) >= 0; ) {
        digest.update(buf, 0, n);
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
        while (bb.hasRemaining()) {
          out.write(bb);
        }
        size += n;
      }
      out.force(true);
    }
    return new StoredArtifact(HexFormat.of().formatHex(digest.digest()), size);
  }

  static String hash(InputStream in) throws IOException {
    MessageDigest digest = sha256();
    byte[] buf = new byte[BUFFER];
    for (int n; (n = in.read(buf)) >= 0; ) {
      digest.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
