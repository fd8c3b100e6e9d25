package io.edgeladder.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * One image layer, written reproducibly: entries sorted by path, modification time 0, owner root unless
 * given, parent folders added. The same inputs give the same digest, so layers common to two platforms or
 * two images are stored once.
 */
final class LayerBuilder {
  static final int ROOT = 0;

  private record Entry(byte type, Path source, byte[] bytes, String linkTarget, int mode, int owner) {
  }

  private final Map<String, Entry> entries = new TreeMap<>();

  LayerBuilder dir(String path, int mode, int owner) {
    entries.put(clean(path), new Entry(TarConstants.LF_DIR, null, null, null, mode, owner));
    return this;
  }

  LayerBuilder file(String path, Path source, int mode) {
    entries.put(clean(path), new Entry(TarConstants.LF_NORMAL, source, null, null, mode, ROOT));
    return this;
  }

  LayerBuilder bytes(String path, byte[] bytes, int mode) {
    entries.put(clean(path), new Entry(TarConstants.LF_NORMAL, null, bytes, null, mode, ROOT));
    return this;
  }

  LayerBuilder symlink(String path, String target) {
    entries.put(clean(path), new Entry(TarConstants.LF_SYMLINK, null, null, target, 0777, ROOT));
    return this;
  }

  /** Adds {@code dir}'s folders, files and symlinks (not followed) under {@code prefix}, those {@code keep} accepts. */
  LayerBuilder tree(String prefix, Path dir, Predicate<String> keep) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String rel = dir.relativize(p).toString();
        if (rel.isEmpty() || !keep.test(rel)) {
          continue;
        }
        String path = prefix.isEmpty() ? rel : prefix + "/" + rel;
        if (Files.isSymbolicLink(p)) {
          symlink(path, Files.readSymbolicLink(p).toString());
        } else if (Files.isDirectory(p)) {
          dir(path, mode(p), ROOT);
        } else {
          file(path, p, mode(p));
        }
      }
    }
    return this;
  }

  /** Writes the gzip-compressed tar into {@code blobs}/sha256/ and describes it. */
  Blob write(BlobStore blobs) throws IOException {
    addParents();
    return blobs.write(Blob.LAYER, this::writeTar);
  }

  private void writeTar(OutputStream out) throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      Entry entry = e.getValue();
      String name = entry.type() == TarConstants.LF_DIR ? e.getKey() + "/" : e.getKey();
      TarArchiveEntry t = new TarArchiveEntry(name, entry.type(), true);
      t.setMode(entry.mode());
      t.setIds(entry.owner(), entry.owner());
      t.setUserName("");
      t.setGroupName("");
      t.setModTime(0);
      if (entry.type() == TarConstants.LF_SYMLINK) {
        t.setLinkName(entry.linkTarget());
      } else if (entry.type() == TarConstants.LF_NORMAL) {
        t.setSize(entry.bytes() != null ? entry.bytes().length : Files.size(entry.source()));
      }
      tar.putArchiveEntry(t);
      if (entry.bytes() != null) {
        tar.write(entry.bytes());
      } else if (entry.source() != null) {
        try (InputStream in = Files.newInputStream(entry.source())) {
          in.transferTo(tar);
        }
      }
      tar.closeArchiveEntry();
    }
    tar.finish();
  }

  private void addParents() {
    for (String path : Set.copyOf(entries.keySet())) {
      for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
        entries.putIfAbsent(path.substring(0, slash),
            new Entry(TarConstants.LF_DIR, null, null, null, 0755, ROOT));
      }
    }
  }

  private static String clean(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.isEmpty() || p.endsWith("/") || p.contains("//") || p.equals("..") || p.startsWith("../")
        || p.contains("/../")) {
      throw new IllegalArgumentException("layer path must be a plain relative path but was '" + path + "'");
    }
    return p;
  }

  private static int mode(Path p) throws IOException {
    int mode = 0;
    for (PosixFilePermission perm : Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)) {
      mode |= 1 << (8 - perm.ordinal());
    }
    return mode;
  }
}
