package io.edgeladder.image;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian bookworm packages of one platform, downloaded with {@code apt-get download} into
 * {@code CACHE/debs} (about 150 MB for both platforms, 1.5 min on first use) and extracted with
 * {@code dpkg-deb -x} into {@code CACHE/rootfs/ARCH/PACKAGE}. Both steps are skipped when their result
 * is in the cache: delete the cache to take newer package versions.
 */
final class DebianPackages {
  /** glibc, libgcc_s + libstdc++ (ONNX Runtime's native library), zlib (the JDK's libzip), the JDK's jmods. */
  static final List<String> BASE = List.of("libc6", "libgcc-s1", "libstdc++6", "zlib1g");
  static final String JDK = "openjdk-17-jdk-headless";

  private final Path cache;

  DebianPackages(Path cache) {
    this.cache = cache;
  }

  /** The extracted contents of {@code pkg} for {@code platform}, downloading and extracting on first use. */
  Path extracted(String pkg, Platform platform) throws IOException {
    Path deb = deb(pkg, platform);
    String name = deb.getFileName().toString();
    Path dir = cache.resolve("rootfs").resolve(platform.debArch()).resolve(name.substring(0, name.length() - 4));
    if (Files.isDirectory(dir)) {
      return dir;
    }
    Path partial = Files.createDirectories(dir.resolveSibling(dir.getFileName() + ".partial"));
    Exec.run(partial, List.of("dpkg-deb", "-x", deb.toString(), "."));
    Files.move(partial, dir);
    return dir;
  }

  private Path deb(String pkg, Platform platform) throws IOException {
    Path debs = Files.createDirectories(cache.resolve("debs"));
    Path found = find(debs, pkg, platform);
    if (found != null) {
      return found;
    }
    String spec = pkg + ":" + platform.debArch();
    try {
      Exec.run(debs, List.of("apt-get", "download", "-q", spec));
    } catch (IOException e) {
      throw new IOException("cannot download the Debian package " + spec + " into " + debs
          + " (for a foreign architecture run once: dpkg --add-architecture " + platform.debArch()
          + " && apt-get update): " + e.getMessage(), e);
    }
    found = find(debs, pkg, platform);
    if (found == null) {
      throw new IOException("apt-get download " + spec + " left no " + pkg + "_*_" + platform.debArch()
          + ".deb in " + debs);
    }
    return found;
  }

  private static Path find(Path debs, String pkg, Platform platform) throws IOException {
    List<Path> matches = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(debs, pkg + "_*_" + platform.debArch() + ".deb")) {
      files.forEach(matches::add);
    }
    if (matches.size() > 1) {
      throw new IOException("several versions of " + pkg + " for " + platform.debArch() + " in " + debs
          + ": " + matches + "; delete all but one");
    }
    return matches.isEmpty() ? null : matches.get(0);
  }
}
