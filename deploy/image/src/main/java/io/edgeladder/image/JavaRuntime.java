package io.edgeladder.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Java 17 runtime for one platform, linked by the build JDK's {@code jlink} from that platform's jmods
 * (Debian's openjdk-17-jdk-headless): jlink links foreign-architecture jmods of the same feature release.
 * Cached in {@code CACHE/jre/ARCH-JDKPACKAGE}.
 */
final class JavaRuntime {
  /**
   * {@code jdeps --ignore-missing-deps --print-module-deps} over the agent's and the controller's jars and lib/
   * (java.base ... jdk.unsupported, 10 modules), plus modules reached only through ServiceLoader or by name:
   * jdk.crypto.ec (Ed25519 release signatures, EC TLS), jdk.charsets, jdk.zipfs, and
   * java.security.jgss / java.security.sasl (PostgreSQL's JDBC driver).
   */
  static final List<String> MODULES = List.of(
      "java.base", "java.compiler", "java.desktop", "java.naming", "java.net.http", "java.prefs", "java.sql",
      "jdk.jfr", "jdk.management", "jdk.unsupported",
      "jdk.crypto.ec", "jdk.charsets", "jdk.zipfs", "java.security.jgss", "java.security.sasl");

  private JavaRuntime() {
  }

  /** The runtime's folder (holding bin/java) for {@code platform}, linking it on first use. */
  static Path linked(Path cache, DebianPackages debs, Platform platform) throws IOException {
    if (Runtime.version().feature() != 17) {
      throw new IOException("jlink of the build JDK must be release 17 to link Java 17 jmods, but the build runs on "
          + Runtime.version() + " (" + System.getProperty("java.home") + ")");
    }
    Path jdk = debs.extracted(DebianPackages.JDK, platform);
    Path jmods = jdk.resolve("usr/lib/jvm/java-17-openjdk-" + platform.debArch() + "/jmods");
    if (!Files.isRegularFile(jmods.resolve("java.base.jmod"))) {
      throw new IOException("no java.base.jmod in " + jmods + " (from " + DebianPackages.JDK + ")");
    }
    Path out = cache.resolve("jre").resolve(platform.debArch() + "-" + jdk.getFileName());
    if (Files.isExecutable(out.resolve("bin/java"))) {
      return out;
    }
    Path partial = out.resolveSibling(out.getFileName() + ".partial");
    if (Files.exists(partial)) {
      Exec.run(cache, List.of("rm", "-rf", partial.toString()));
    }
    Files.createDirectories(partial.getParent());
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "jlink").toString(),
        "--module-path", jmods.toString(), "--add-modules", String.join(",", MODULES),
        "--strip-debug", "--no-man-pages", "--no-header-files", "--output", partial.toString()));
    Exec.run(cache, command);
    Files.move(partial, out);
    return out;
  }
}
