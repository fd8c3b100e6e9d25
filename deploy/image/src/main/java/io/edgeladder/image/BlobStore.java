package io.edgeladder.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/** Blobs under {@code DIR/sha256/HEX}, as in an OCI image layout; one file per distinct content. */
final class BlobStore {
  /** Writes a layer's uncompressed tar. */
  interface TarWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  private final Path dir;

  BlobStore(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir.resolve("sha256"));
  }

  Path path(Blob blob) {
    return dir.resolve(blob.hex());
  }

  /** Gzips what {@code tar} writes; the diff id is the digest of the uncompressed stream. */
  Blob write(String mediaType, TarWriter tar) throws IOException {
    MessageDigest stored = sha256();
    MessageDigest uncompressed = sha256();
    Path tmp = Files.createTempFile(dir, "layer", ".partial");
    try (DigestOutputStream file = new DigestOutputStream(Files.newOutputStream(tmp), stored);
         GZIPOutputStream gzip = new GZIPOutputStream(file, 1 << 16);
         DigestOutputStream raw = new DigestOutputStream(gzip, uncompressed)) {
      tar.writeTo(raw);
    }
    return store(tmp, mediaType, stored, "sha256:" + HexFormat.of().formatHex(uncompressed.digest()));
  }

  /** Stores a JSON document (config, manifest, index) as it is. */
  Blob json(String mediaType, byte[] json) throws IOException {
    MessageDigest stored = sha256();
    stored.update(json);
    Path tmp = Files.createTempFile(dir, "json", ".partial");
    Files.write(tmp, json);
    return store(tmp, mediaType, stored, null);
  }

  private Blob store(Path tmp, String mediaType, MessageDigest stored, String diffId) throws IOException {
    Blob blob = new Blob(mediaType, "sha256:" + HexFormat.of().formatHex(stored.digest()), Files.size(tmp), diffId);
    Files.move(tmp, path(blob), StandardCopyOption.REPLACE_EXISTING);
    return blob;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
