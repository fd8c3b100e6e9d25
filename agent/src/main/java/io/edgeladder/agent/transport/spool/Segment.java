package io.edgeladder.agent.transport.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** One segment file of a {@link SegmentSpool}; guarded by the spool. */
final class Segment {
  static final String SUFFIX = ".seg";

  final long id;
  final Path path;
  final FileChannel channel;
  /** Bytes of whole, valid records. */
  long size;
  /** Records in the file. */
  int records;

  private Segment(long id, Path path, FileChannel channel) {
    this.id = id;
    this.path = path;
    this.channel = channel;
  }

  static Segment open(Path dir, long id) throws IOException {
    Path path = dir.resolve(name(id));
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    return new Segment(id, path, channel);
  }

  static String name(long id) {
    return String.format("%020d%s", id, SUFFIX);
  }

  /** The id of a segment file name, or -1 if {@code fileName} is not one. */
  static long idOf(String fileName) {
    if (!fileName.endsWith(SUFFIX) || fileName.length() != 20 + SUFFIX.length()) return -1;
    try {
      return Long.parseLong(fileName.substring(0, 20));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  void closeAndDelete() throws IOException {
    channel.close();
    Files.deleteIfExists(path);
  }
}
