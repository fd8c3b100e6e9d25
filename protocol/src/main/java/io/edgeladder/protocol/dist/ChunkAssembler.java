package io.edgeladder.protocol.dist;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects one artifact's chunks, in any order, in a folder of its own ({@code {index}.chunk} files), so a
 * restarted process resumes where it stopped: {@link #open} keeps every chunk on disk that still matches its
 * hash and deletes the rest. A chunk is hashed before it is stored; the assembled file is checked against
 * the artifact's size and sha256 before it replaces the target.
 *
 * <p><b>Threads:</b> every method is {@code synchronized} on the assembler, so chunks may be offered from any
 * thread; disk writes happen under that lock (hand chunks off the MQTT callback thread). One assembler per
 * folder: two on the same folder, in one process or two, are not coordinated.
 *
 * <p>Chunks are written to a temporary file and renamed, without fsync: a crash can at worst leave a chunk
 * that fails its hash on the next {@link #open}, which then discards it.
 */
public final class ChunkAssembler {
  private static final Pattern CHUNK_FILE = Pattern.compile("(0|[1-9][0-9]{0,9})\\.chunk");

  private final Artifact artifact;
  private final Path folder;
  private final BitSet held = new BitSet(); // guarded by this
  private int discardedOnOpen;

  private ChunkAssembler(Artifact artifact, Path folder) {
    this.artifact = artifact;
    this.folder = folder;
  }

  /**
   * Opens (creating if needed) the folder and takes stock of the chunks already in it.
   *
   * @throws IOException when the folder cannot be created or read
   */
  public static ChunkAssembler open(Artifact artifact, Path folder) throws IOException {
    ChunkAssembler a = new ChunkAssembler(artifact, folder);
    Files.createDirectories(folder);
    synchronized (a) {
      a.scan();
    }
    return a;
  }

  private void scan() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (name.endsWith(".chunk.tmp")) {
          Files.deleteIfExists(f);
          continue;
        }
        Matcher m = CHUNK_FILE.matcher(name);
        if (!m.matches()) continue; // not ours: leave it
        long index = Long.parseLong(m.group(1));
        if (index >= artifact.chunkCount() || check((int) index, Files.readAllBytes(f)) != null) {
          Files.delete(f);
          discardedOnOpen++;
        } else {
          held.set((int) index);
        }
      }
    }
  }

  public Artifact artifact() {
    return artifact;
  }

  /** Chunk files found on disk by {@link #open} that failed their check and were deleted. */
  public synchronized int discardedOnOpen() {
    return discardedOnOpen;
  }

  /**
   * Checks and stores one chunk. A chunk already held is a duplicate and is not checked again.
   *
   * @return accepted, duplicate, or rejected with {@link Rejection#CHUNK_INDEX_OUT_OF_RANGE},
   *     {@link Rejection#CHUNK_SIZE_MISMATCH} or {@link Rejection#CHUNK_HASH_MISMATCH}
   * @throws IOException when an accepted chunk cannot be written (the chunk stays missing)
   */
  public synchronized ChunkOutcome accept(int index, byte[] bytes) throws IOException {
    if (index < 0 || index >= artifact.chunkCount()) {
      return ChunkOutcome.rejected(index, Rejection.CHUNK_INDEX_OUT_OF_RANGE, "chunk " + index + " of artifact "
          + artifact.sha256() + " is outside [0, " + artifact.chunkCount() + ")");
    }
    if (held.get(index)) return ChunkOutcome.duplicate(index);
    Rejection why = check(index, bytes);
    if (why == Rejection.CHUNK_SIZE_MISMATCH) {
      return ChunkOutcome.rejected(index, why, "chunk " + index + " of artifact " + artifact.sha256() + " holds "
          + bytes.length + " bytes, expected " + artifact.length(index));
    }
    if (why == Rejection.CHUNK_HASH_MISMATCH) {
      return ChunkOutcome.rejected(index, why, "chunk " + index + " of artifact " + artifact.sha256()
          + " hashes to " + Sha256.hex(bytes) + ", expected " + artifact.chunks().get(index));
    }
    Path tmp = folder.resolve(index + ".chunk.tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, chunkFile(index), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    held.set(index);
    return ChunkOutcome.accepted(index);
  }

  private Rejection check(int index, byte[] bytes) {
    if (bytes.length != artifact.length(index)) return Rejection.CHUNK_SIZE_MISMATCH;
    if (!Sha256.hex(bytes).equals(artifact.chunks().get(index))) return Rejection.CHUNK_HASH_MISMATCH;
    return null;
  }

  /** Indexes not yet held, ascending: the chunk topics still to subscribe to. */
  public synchronized List<Integer> missing() {
    List<Integer> out = new ArrayList<>(artifact.chunkCount() - held.cardinality());
    for (int i = held.nextClearBit(0); i < artifact.chunkCount(); i = held.nextClearBit(i + 1)) out.add(i);
    return out;
  }

  public synchronized int heldCount() {
    return held.cardinality();
  }

  public synchronized boolean isComplete() {
    return held.cardinality() == artifact.chunkCount();
  }

  /**
   * Concatenates the chunks into {@code target} (via a temporary file in the same folder, then an atomic
   * rename), re-checking every chunk on the way and the whole file at the end; on success the chunk folder
   * is deleted.
   *
   * @throws IllegalStateException when chunks are missing
   * @throws VerificationException {@link Rejection#CHUNK_HASH_MISMATCH} when a stored chunk changed on disk
   *     (it is deleted and missing again), {@link Rejection#SIZE_MISMATCH} or
   *     {@link Rejection#FILE_HASH_MISMATCH} when the whole file does not match; target is untouched
   */
  public synchronized void assemble(Path target) throws IOException, VerificationException {
    if (!isComplete()) {
      throw new IllegalStateException("artifact " + artifact.sha256() + " misses chunks " + missing());
    }
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
    try {
      copyChunks(tmp);
      artifact.verifyFile(tmp);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    delete();
  }

  private void copyChunks(Path tmp) throws IOException, VerificationException {
    try (OutputStream out = Files.newOutputStream(tmp)) {
      for (int i = 0; i < artifact.chunkCount(); i++) {
        byte[] bytes = Files.readAllBytes(chunkFile(i));
        if (check(i, bytes) != null) {
          Files.delete(chunkFile(i));
          held.clear(i);
          throw new VerificationException(Rejection.CHUNK_HASH_MISMATCH, "chunk " + i + " of artifact "
              + artifact.sha256() + " changed on disk since it was accepted; discarded, fetch it again");
        }
        out.write(bytes);
      }
    }
  }

  /** Deletes the chunk folder and everything in it (an abandoned download); the assembler holds nothing after. */
  public synchronized void delete() throws IOException {
    if (Files.isDirectory(folder)) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
        for (Path f : files) Files.deleteIfExists(f);
      }
      Files.deleteIfExists(folder);
    }
    held.clear();
  }

  private Path chunkFile(int index) {
    return folder.resolve(index + ".chunk");
  }
}
