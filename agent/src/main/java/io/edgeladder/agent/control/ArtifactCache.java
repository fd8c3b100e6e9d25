package io.edgeladder.agent.control;

import io.edgeladder.protocol.Fields;
import io.edgeladder.protocol.dist.Sha256;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verified variant files by content: {@code {dir}/{sha256}.onnx}. The folder is the index: {@link #open}
 * rebuilds it from the file names, re-hashes every file (a file that no longer matches its name is deleted)
 * and orders them by modification time, which {@link #touch} advances, so least-recently-used survives a
 * restart. {@link #evict} deletes least-recently-used artifacts that nothing uses until the total is within
 * the bound; artifacts in use stay even beyond it.
 *
 * <p>Threads: every method is synchronized on the cache (the control thread writes, the reporter reads).
 */
final class ArtifactCache {
  private static final Logger log = LoggerFactory.getLogger(ArtifactCache.class);
  private static final String SUFFIX = ".onnx";

  private final Path dir;
  private final long maxBytes;
  /** sha256 to size, least recently used first (access order); guarded by this. */
  private final LinkedHashMap<String, Long> entries = new LinkedHashMap<>(16, 0.75f, true);
  private int discardedOnOpen;

  private ArtifactCache(Path dir, long maxBytes) {
    this.dir = dir;
    this.maxBytes = maxBytes;
  }

  /**
   * Opens (creating) the folder and indexes what it holds; temporary files of interrupted writes are deleted.
   *
   * @throws IOException when the folder cannot be created or listed
   */
  static ArtifactCache open(Path dir, long maxBytes) throws IOException {
    ArtifactCache cache = new ArtifactCache(dir, maxBytes);
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> list = Files.newDirectoryStream(dir)) {
      for (Path f : list) {
        String name = f.getFileName().toString();
        if (name.endsWith(".tmp")) {
          Files.deleteIfExists(f);
        } else if (name.endsWith(SUFFIX) && Fields.isSha256(name.substring(0, name.length() - SUFFIX.length()))) {
          files.add(f);
        }
      }
    }
    files.sort(Comparator.comparing(ArtifactCache::modified));
    synchronized (cache) {
      for (Path f : files) cache.index(f);
    }
    return cache;
  }

  private void index(Path f) throws IOException {
    String name = f.getFileName().toString();
    String sha = name.substring(0, name.length() - SUFFIX.length());
    if (!Sha256.hex(f).equals(sha)) {
      log.warn("cache file {} does not hash to its name; deleted", f);
      Files.delete(f);
      discardedOnOpen++;
      return;
    }
    entries.put(sha, Files.size(f));
  }

  private static FileTime modified(Path f) {
    try {
      return Files.getLastModifiedTime(f);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  /** Where the artifact {@code sha256} lives (or will, once {@link #added}). */
  Path pathOf(String sha256) {
    return dir.resolve(sha256 + SUFFIX);
  }

  synchronized boolean contains(String sha256) {
    return entries.containsKey(sha256);
  }

  /**
   * Registers a verified file just moved to {@link #pathOf} (the assembler renames it there atomically).
   *
   * @throws IOException when the file is not there
   */
  synchronized void added(String sha256) throws IOException {
    entries.put(sha256, Files.size(pathOf(sha256)));
  }

  /** Marks {@code sha256} as just used (here and on disk, for the order after a restart); false if absent. */
  synchronized boolean touch(String sha256, long wallMillis) {
    if (entries.get(sha256) == null) return false;
    try {
      Files.setLastModifiedTime(pathOf(sha256), FileTime.fromMillis(wallMillis));
    } catch (IOException e) {
      log.debug("cannot touch {}: {}", pathOf(sha256), e.toString());
    }
    return true;
  }

  /**
   * Deletes least-recently-used artifacts not in {@code inUse} until the total is at most the bound.
   *
   * @return the sha256 of each artifact deleted, oldest first
   */
  synchronized List<String> evict(Set<String> inUse) {
    List<String> evicted = new ArrayList<>();
    long total = bytes();
    for (Map.Entry<String, Long> e : new ArrayList<>(entries.entrySet())) {
      if (total <= maxBytes) break;
      if (inUse.contains(e.getKey())) continue;
      try {
        Files.deleteIfExists(pathOf(e.getKey()));
        entries.remove(e.getKey());
        total -= e.getValue();
        evicted.add(e.getKey());
      } catch (IOException ex) {
        log.warn("cannot evict {}: {}", pathOf(e.getKey()), ex.toString());
      }
    }
    return evicted;
  }

  /** sha256 of every cached artifact, least recently used first. */
  synchronized List<String> shas() {
    return new ArrayList<>(entries.keySet());
  }

  synchronized long bytes() {
    return entries.values().stream().mapToLong(Long::longValue).sum();
  }

  long maxBytes() {
    return maxBytes;
  }

  /** Files found by {@link #open} whose content did not match their name (deleted). */
  synchronized int discardedOnOpen() {
    return discardedOnOpen;
  }
}
