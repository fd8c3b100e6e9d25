package io.edgeladder.protocol.dist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as 64 lower-case hex digits. Stateless and thread-safe. */
public final class Sha256 {
  private static final HexFormat HEX = HexFormat.of();

  private Sha256() {}

  /** A fresh SHA-256 digest (every JDK has one). */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  public static String hex(byte[] bytes) {
    return hex(bytes, 0, bytes.length);
  }

  public static String hex(byte[] bytes, int offset, int length) {
    MessageDigest d = digest();
    d.update(bytes, offset, length);
    return HEX.formatHex(d.digest());
  }

  /** Hex of a finished digest's bytes. */
  public static String toHex(byte[] digestBytes) {
    return HEX.formatHex(digestBytes);
  }

  /** Streams the file through the digest (64 KiB at a time, whatever its size). */
  public static String hex(Path file) throws IOException {
    MessageDigest d = digest();
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) d.update(buf, 0, n);
    }
    return HEX.formatHex(d.digest());
  }
}
