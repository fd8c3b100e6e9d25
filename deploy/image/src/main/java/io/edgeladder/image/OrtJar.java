package io.edgeladder.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The onnxruntime jar split for images: its classes without {@code ai/onnxruntime/native/} (54 MB → under
 * 1 MB; the jar carries Linux, macOS and Windows libraries), and one platform's two libraries, which the
 * JVM loads from {@code -Donnxruntime.native.path} instead of unpacking them to /tmp at every start.
 */
final class OrtJar {
  private static final String NATIVE = "ai/onnxruntime/native/";
  static final String LIBRARY = "libonnxruntime.so";
  static final String JNI_LIBRARY = "libonnxruntime4j_jni.so";

  private OrtJar() {
  }

  static boolean is(Path jar) {
    return jar.getFileName().toString().startsWith("onnxruntime-");
  }

  /** Copies {@code jar} to {@code out} without its native libraries; entries keep their order and times. */
  static Path withoutNatives(Path jar, Path out) throws IOException {
    Files.createDirectories(out.getParent());
    try (ZipFile in = new ZipFile(jar.toFile());
         ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
      for (ZipEntry e : java.util.Collections.list(in.entries())) {
        if (e.getName().startsWith(NATIVE)) {
          continue;
        }
        ZipEntry copy = new ZipEntry(e.getName());
        copy.setTime(e.getTime());
        zip.putNextEntry(copy);
        try (InputStream data = in.getInputStream(e)) {
          data.transferTo(zip);
        }
        zip.closeEntry();
      }
    }
    return out;
  }

  /** Extracts {@code platform}'s two libraries from {@code jar} into {@code dir}. */
  static Path natives(Path jar, Platform platform, Path dir) throws IOException {
    Files.createDirectories(dir);
    try (ZipFile in = new ZipFile(jar.toFile())) {
      for (String name : new String[] {LIBRARY, JNI_LIBRARY}) {
        String entry = NATIVE + platform.ortNativeDir() + "/" + name;
        ZipEntry e = in.getEntry(entry);
        if (e == null) {
          throw new IOException(jar + " has no " + entry + ": this onnxruntime build does not support linux/"
              + platform.ociArch());
        }
        try (InputStream data = in.getInputStream(e)) {
          Files.copy(data, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return dir;
  }
}
