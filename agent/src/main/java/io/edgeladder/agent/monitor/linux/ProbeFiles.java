package io.edgeladder.agent.monitor.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small-file reads for /proc and /sys; every failure becomes a {@link BadFile} naming the file. */
final class ProbeFiles {
  /** Kernel files are tiny; a bigger one is not what we think it is. */
  private static final long MAX_BYTES = 1 << 20;

  private ProbeFiles() {}

  static String read(Path file) throws BadFile {
    try {
      if (Files.size(file) > MAX_BYTES) throw new BadFile(file, "is larger than " + MAX_BYTES + " bytes");
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new BadFile(file, "is missing");
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new BadFile(file, "cannot be read: " + e);
    }
  }

  static long readLong(Path file) throws BadFile {
    String text = read(file).strip();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new BadFile(file, "does not hold an integer: '" + abbreviate(text) + "'");
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  /** A file that is missing, unreadable or holds garbage. Carries no stack trace: it is expected. */
  static final class BadFile extends Exception {
    final Path file;

    BadFile(Path file, String what) {
      super(file + " " + what, null, false, false);
      this.file = file;
    }
  }
}
