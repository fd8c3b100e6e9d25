package io.edgeladder.agent.swap;

import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.ProtocolJson;
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
import java.util.Optional;

/**
 * The last known good variant of each pipeline: the one a swap committed (golden-checked, serving, and past
 * its probation when there is one), persisted in {@code {stateDir}/swap/last-good.json} so that an agent
 * killed mid-swap starts on it again instead of the configured model (or a half-swapped variant). Written
 * only on commit, atomically: temporary file, fsync, rename, fsync of the folder. A swap that never committed
 * leaves the previous entry in place.
 *
 * <p>Threads: {@link #committed} from the swap loader or policy thread, {@link #of} at start; synchronized.
 */
public final class LastGoodVariants {
  /** One pipeline's entry; the model name guards against a card that changed since. */
  record Entry(String pipeline, String model, String variant, String file, String sha256, float[] goldenInput,
      float[] goldenOutput, float tolerance) {}

  /** The file's content. */
  record Saved(List<Entry> pipelines) {
    Saved {
      pipelines = pipelines == null ? List.of() : List.copyOf(pipelines);
    }
  }

  private final Path file;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  private LastGoodVariants(Path file) {
    this.file = file;
  }

  /** {@code {stateDir}/swap/last-good.json}. */
  public static Path fileIn(Path stateDir) {
    return stateDir.resolve("swap").resolve("last-good.json");
  }

  /**
   * Reads what {@code stateDir} holds; an absent file is an empty store.
   *
   * @throws IOException when the file exists but cannot be read or parsed (the message names it); the caller
   *     then starts on the configured variants
   */
  public static LastGoodVariants open(Path stateDir) throws IOException {
    LastGoodVariants s = new LastGoodVariants(fileIn(stateDir));
    try {
      Saved saved = ProtocolJson.read(Files.readAllBytes(s.file), Saved.class);
      for (Entry e : saved.pipelines()) {
        if (e != null && e.pipeline() != null) s.entries.put(e.pipeline(), e);
      }
    } catch (NoSuchFileException e) {
      // nothing committed yet
    } catch (ProtocolException e) {
      throw new IOException(s.file + ": " + e.getMessage(), e);
    }
    return s;
  }

  /** An empty store writing to {@code stateDir} (when the file was unreadable). */
  public static LastGoodVariants empty(Path stateDir) {
    return new LastGoodVariants(fileIn(stateDir));
  }

  /**
   * The variant {@code pipeline} last committed, if it ran {@code model}.
   *
   * @throws IllegalArgumentException when the stored entry is not a valid spec (the message says why)
   */
  public synchronized Optional<VariantSpec> of(String pipeline, String model) {
    Entry e = entries.get(pipeline);
    if (e == null || !java.util.Objects.equals(e.model(), model)) return Optional.empty();
    return Optional.of(new VariantSpec(e.variant(), Path.of(e.file()), e.sha256(), e.goldenInput(),
        e.goldenOutput(), e.tolerance()));
  }

  /**
   * Records {@code spec} as {@code pipeline}'s last known good and writes the file durably.
   *
   * @throws IOException when it cannot be written (the previous file stays as it was)
   */
  public synchronized void committed(String pipeline, String model, VariantSpec spec) throws IOException {
    entries.put(pipeline, new Entry(pipeline, model, spec.id(), spec.file().toAbsolutePath().toString(),
        spec.sha256(), spec.goldenInput(), spec.goldenOutput(), spec.tolerance()));
    writeDurably(file, ProtocolJson.write(new Saved(List.copyOf(entries.values()))));
  }

  /** Temporary file, fsync, atomic rename, fsync of the folder: after a crash either the old or the new file. */
  static void writeDurably(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) ch.write(b);
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // some file systems cannot open a folder; the rename itself is atomic
    }
  }
}
