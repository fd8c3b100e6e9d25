package io.edgeladder.protocol.dist;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts files into fixed-size chunks with a sha256 each: the controller describes a variant file as an
 * {@link Artifact} and reads the chunks it publishes. Deterministic (same bytes and chunk size, same
 * artifact). Immutable and thread-safe.
 */
public final class Chunker {
  /** 256 KiB: a 5 MB ladder is ~20 messages, and a lost chunk costs little to resend. */
  public static final int DEFAULT_CHUNK_SIZE = 256 * 1024;

  private final int chunkSize;

  private Chunker(int chunkSize) {
    if (chunkSize < 1 || chunkSize > Artifact.MAX_CHUNK_SIZE) {
      throw new IllegalArgumentException(
          "chunkSize must be in [1, " + Artifact.MAX_CHUNK_SIZE + "] but was " + chunkSize);
    }
    this.chunkSize = chunkSize;
  }

  public static Chunker of(int chunkSize) {
    return new Chunker(chunkSize);
  }

  public static Chunker ofDefaults() {
    return new Chunker(DEFAULT_CHUNK_SIZE);
  }

  public int chunkSize() {
    return chunkSize;
  }

  /**
   * Hashes the file once, streaming: the whole-file sha256 and one sha256 per chunk.
   *
   * @throws IOException when the file cannot be read or is empty
   */
  public Artifact describe(String variantId, Path file) throws IOException {
    MessageDigest whole = Sha256.digest();
    MessageDigest part = Sha256.digest();
    List<String> chunks = new ArrayList<>();
    byte[] buf = new byte[chunkSize];
    long size = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.readNBytes(buf, 0, chunkSize)) > 0; ) {
        whole.update(buf, 0, n);
        part.update(buf, 0, n);
        chunks.add(Sha256.toHex(part.digest()));
        size += n;
      }
    }
    if (size == 0) throw new IOException(file + ": empty file, nothing to distribute");
    return new Artifact(variantId, Sha256.toHex(whole.digest()), size, chunkSize, chunks);
  }

  /**
   * Reads chunk {@code index} of a file described by {@code artifact} (any chunk size: the artifact's counts).
   *
   * @throws IOException when the file is shorter than the artifact says
   */
  public static byte[] read(Path file, Artifact artifact, int index) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(artifact.length(index));
    long position = artifact.offset(index);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (buf.hasRemaining()) {
        int n = ch.read(buf, position + buf.position());
        if (n < 0) {
          throw new EOFException(file + ": ends before chunk " + index + " of artifact " + artifact.sha256());
        }
      }
    }
    return buf.array();
  }
}
