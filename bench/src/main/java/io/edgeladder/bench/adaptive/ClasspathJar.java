package io.edgeladder.bench.adaptive;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The class path for the agent's child JVM. Started as {@code java -jar edgeladder-bench.jar} the bench's
 * class path is one jar and is passed on as it is; started from a test runner it is a long list, which is
 * written into the manifest of a small jar instead: with a long {@code -cp} and the gateway's
 * {@code -Xss512k}, ONNX Runtime 1.29's native initialisation overflows the main thread's stack (SIGSEGV,
 * exit 139), while the same class path through a manifest starts fine.
 */
public final class ClasspathJar {
  private ClasspathJar() {}

  /** A {@code -cp} value for a child JVM with this JVM's class path; may write {@code dir/classpath.jar}. */
  public static String of(Path dir) throws IOException {
    String cp = System.getProperty("java.class.path");
    if (!cp.contains(File.pathSeparator)) {
      return cp;
    }
    StringBuilder entries = new StringBuilder();
    for (String e : cp.split(File.pathSeparator)) {
      if (!e.isEmpty()) {
        entries.append(entries.length() == 0 ? "" : " ").append(Path.of(e).toAbsolutePath().toUri());
      }
    }
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, entries.toString());
    Path jar = dir.resolve("classpath.jar");
    Files.createDirectories(dir);
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
      j.flush();
    }
    return jar.toAbsolutePath().toString();
  }
}
