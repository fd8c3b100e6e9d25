package io.edgeladder.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * An OCI image layout in one tar ({@code oci-archive:} for skopeo and podman, {@code ctr image import}):
 * {@code oci-layout}, {@code index.json} naming the image index, {@code blobs/sha256/*}.
 */
final class OciArchive {
  private OciArchive() {
  }

  static void write(Path archive, BlobStore store, Blob index, Collection<Blob> blobs,
      Map<String, String> annotations) throws IOException {
    Map<String, Path> files = new TreeMap<>();
    for (Blob blob : blobs) {
      files.put("blobs/sha256/" + blob.hex(), store.path(blob));
    }
    Path tmp = archive.resolveSibling(archive.getFileName() + ".partial");
    try (OutputStream out = Files.newOutputStream(tmp);
         TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      bytes(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
      bytes(tar, "index.json", OciJson.layoutIndex(index, annotations));
      dir(tar, "blobs/");
      dir(tar, "blobs/sha256/");
      for (Map.Entry<String, Path> f : files.entrySet()) {
        TarArchiveEntry e = entry(f.getKey());
        e.setSize(Files.size(f.getValue()));
        tar.putArchiveEntry(e);
        Files.copy(f.getValue(), tar);
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
    Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void bytes(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
    TarArchiveEntry e = entry(name);
    e.setSize(data.length);
    tar.putArchiveEntry(e);
    tar.write(data);
    tar.closeArchiveEntry();
  }

  private static void dir(TarArchiveOutputStream tar, String name) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode(TarArchiveEntry.DEFAULT_DIR_MODE);
    e.setModTime(0);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  private static TarArchiveEntry entry(String name) {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode(0644);
    e.setModTime(0);
    return e;
  }
}
