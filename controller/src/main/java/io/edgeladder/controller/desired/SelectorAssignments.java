package io.edgeladder.controller.desired;

import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.ProtocolJson;
import io.edgeladder.protocol.fleet.PipelineDesired;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The selector assignments, kept in one JSON file ({@code {dataDir}/desired-selectors.json}, rewritten
 * atomically on every change) so they survive a controller restart. A minimal adapter until the store
 * module keeps them. Setting a selector again replaces its previous assignment.
 *
 * <p>Thread-safe: every method is {@code synchronized}.
 */
public final class SelectorAssignments {
  /** The file's content. */
  record Content(List<SelectorAssignment> assignments) {
    Content {
      assignments = assignments == null ? List.of() : List.copyOf(assignments);
    }
  }

  private final Path file;
  private final List<SelectorAssignment> assignments; // guarded by this, ascending id

  private SelectorAssignments(Path file, List<SelectorAssignment> assignments) {
    this.file = file;
    this.assignments = new ArrayList<>(assignments);
    this.assignments.sort(Comparator.comparingLong(SelectorAssignment::id));
  }

  /** @throws IOException when the file exists but cannot be read or parsed (message names it) */
  public static SelectorAssignments open(Path file) throws IOException {
    if (!Files.exists(file)) return new SelectorAssignments(file, List.of());
    try {
      return new SelectorAssignments(file, ProtocolJson.read(Files.readAllBytes(file), Content.class).assignments());
    } catch (ProtocolException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Stores an assignment for {@code selector}, replacing the one it had. */
  public synchronized SelectorAssignment put(LabelSelector selector, List<PipelineDesired> pipelines,
      Instant createdAt, Set<String> appliedTo) {
    String text = selector.toString();
    long id = assignments.stream().mapToLong(SelectorAssignment::id).max().orElse(0) + 1;
    SelectorAssignment a = new SelectorAssignment(id, text, pipelines, createdAt, appliedTo);
    assignments.removeIf(x -> x.selector().equals(text));
    assignments.add(a);
    save();
    return a;
  }

  /** Records that assignment {@code id} was issued to {@code agentId}. */
  public synchronized void markApplied(long id, String agentId) {
    for (int i = 0; i < assignments.size(); i++) {
      if (assignments.get(i).id() == id) {
        assignments.set(i, assignments.get(i).withApplied(agentId));
        save();
        return;
      }
    }
  }

  /** The newest assignment whose selector matches these labels. */
  public synchronized Optional<SelectorAssignment> newestMatching(Map<String, String> labels) {
    for (int i = assignments.size() - 1; i >= 0; i--) {
      if (LabelSelector.parse(assignments.get(i).selector()).matches(labels)) return Optional.of(assignments.get(i));
    }
    return Optional.empty();
  }

  public synchronized List<SelectorAssignment> all() {
    return List.copyOf(assignments);
  }

  private void save() {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      Files.write(tmp, ProtocolJson.write(new Content(assignments)));
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write selector assignments to " + file, e);
    }
  }
}
