package io.edgeladder.agent.control;

import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.ProtocolJson;
import io.edgeladder.protocol.fleet.Bounds;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the controller's desired state changed on this agent and which version that was: persisted in
 * {@code {stateDir}/control/applied.json} so a restarted agent restores it (from the cache, without the
 * network) and ignores the retained desired state it already applied. Immutable.
 *
 * @param version the last desired version handled (applied, partly applied or rejected); 0 for none
 * @param pipelines per pipeline, what is in effect; pipelines the controller never touched are absent
 */
record AppliedState(long version, List<Entry> pipelines) {
  static final AppliedState NONE = new AppliedState(0, List.of());

  /**
   * @param name pipeline name
   * @param releaseSha the release whose ladder it switches among, or null for the configured ladder
   * @param bounds the controller's bounds
   */
  record Entry(String name, String releaseSha, Bounds bounds) {
    Entry {
      bounds = bounds == null ? Bounds.NONE : bounds;
    }
  }

  AppliedState {
    pipelines = List.copyOf(pipelines);
  }

  Map<String, Entry> byName() {
    Map<String, Entry> out = new LinkedHashMap<>();
    for (Entry e : pipelines) out.put(e.name(), e);
    return out;
  }

  /** The entry of {@code pipeline}, or null. */
  Entry of(String pipeline) {
    return byName().get(pipeline);
  }

  static Path fileIn(Path stateDir) {
    return stateDir.resolve("control").resolve("applied.json");
  }

  /**
   * Reads the state saved in {@code stateDir}; {@link #NONE} when there is none.
   *
   * @throws IOException when the file exists but cannot be read or parsed (the message names it)
   */
  static AppliedState load(Path stateDir) throws IOException {
    Path file = fileIn(stateDir);
    try {
      return ProtocolJson.read(Files.readAllBytes(file), AppliedState.class);
    } catch (NoSuchFileException e) {
      return NONE;
    } catch (ProtocolException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes durably: temporary file, fsync, atomic rename, fsync of the folder, so a crash or power loss
   * leaves either the previous state or this one, never a torn file.
   */
  void save(Path stateDir) throws IOException {
    Path file = fileIn(stateDir);
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling("applied.json.tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(ProtocolJson.write(this));
      while (b.hasRemaining()) ch.write(b);
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // not every file system opens a folder; the rename is atomic anyway
    }
  }
}
