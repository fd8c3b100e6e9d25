package io.edgeladder.protocol.dist;

import io.edgeladder.protocol.Fields;
import io.edgeladder.protocol.InvalidFieldException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One variant file of a {@link Release} and how it is cut into chunks for {@code artifacts/{sha256}/{index}}.
 * Chunk {@code i} holds bytes {@code [i * chunkSize, min(size, (i + 1) * chunkSize))}. Immutable.
 *
 * @param variantId the ladder variant it is the file of
 * @param sha256 the whole file's sha256
 * @param size file size in bytes, at least 1
 * @param chunkSize bytes per chunk (the last one may be shorter), 1..{@value #MAX_CHUNK_SIZE}
 * @param chunks sha256 of each chunk, in order; exactly {@code ceil(size / chunkSize)} of them
 */
public record Artifact(String variantId, String sha256, long size, int chunkSize, List<String> chunks) {
  private static final String R = "Artifact";

  /** 16 MiB: well under any broker's packet limit, and a chunk is held in memory while verified. */
  public static final int MAX_CHUNK_SIZE = 16 * 1024 * 1024;

  public Artifact {
    Fields.text(R, "variantId", variantId);
    Fields.sha256(R, "sha256", sha256);
    Fields.atLeast(R, "size", 1, size);
    Fields.atLeast(R, "chunkSize", 1, chunkSize);
    if (chunkSize > MAX_CHUNK_SIZE) {
      throw new InvalidFieldException(R, "chunkSize", "must be <= " + MAX_CHUNK_SIZE + " but was " + chunkSize);
    }
    long expected = (size + chunkSize - 1) / chunkSize;
    if (expected > Integer.MAX_VALUE) {
      throw new InvalidFieldException(R, "chunkSize", chunkSize + " cuts " + size + " bytes into too many chunks");
    }
    chunks = Fields.list(R, "chunks", chunks);
    if (chunks.size() != expected) {
      throw new InvalidFieldException(R, "chunks", "must hold " + expected + " hashes for size " + size
          + " and chunkSize " + chunkSize + " but holds " + chunks.size());
    }
    for (int i = 0; i < chunks.size(); i++) Fields.sha256(R, "chunks[" + i + "]", chunks.get(i));
  }

  public int chunkCount() {
    return chunks.size();
  }

  /** Byte offset of chunk {@code index} in the file. */
  public long offset(int index) {
    checkIndex(index);
    return (long) index * chunkSize;
  }

  /** Length of chunk {@code index}: chunkSize, or the remainder for the last one. */
  public int length(int index) {
    checkIndex(index);
    return (int) Math.min(chunkSize, size - (long) index * chunkSize);
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= chunks.size()) {
      throw new IndexOutOfBoundsException("chunk index " + index + " of artifact " + sha256 + " must be in [0, "
          + chunks.size() + ")");
    }
  }

  /**
   * Checks a file against this artifact: size first (cheap), then the whole-file sha256 (streamed). For a
   * cache that re-checks what it holds after a restart, and for assembled downloads.
   *
   * @throws VerificationException {@link Rejection#SIZE_MISMATCH} or {@link Rejection#FILE_HASH_MISMATCH}
   * @throws IOException when the file cannot be read
   */
  public void verifyFile(Path file) throws IOException, VerificationException {
    long actual = Files.size(file);
    if (actual != size) {
      throw new VerificationException(Rejection.SIZE_MISMATCH,
          file + " of artifact " + sha256 + " holds " + actual + " bytes, expected " + size);
    }
    String sha = Sha256.hex(file);
    if (!sha.equals(sha256)) {
      throw new VerificationException(Rejection.FILE_HASH_MISMATCH,
          file + " of artifact " + sha256 + " hashes to " + sha);
    }
  }
}
