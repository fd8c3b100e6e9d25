package io.edgeladder.controller.api;

import io.edgeladder.controller.store.models.ModelRecord;
import io.edgeladder.controller.store.models.PushRecord;
import io.edgeladder.controller.store.models.ReleaseArtifact;
import io.edgeladder.controller.store.models.ReleaseRecord;
import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.VariantEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Response bodies of the model routes (schemas {@code ModelSummary}, {@code Release}, {@code PublishReport}). */
final class ModelJson {
  private ModelJson() {}

  record ModelSummary(String name, Instant createdAt, int releases, String latestRelease) {
    static ModelSummary of(ModelRecord m, List<ReleaseRecord> releases) {
      return new ModelSummary(m.name(), m.createdAt(), releases.size(),
          releases.isEmpty() ? null : releases.get(0).releaseSha());
    }
  }

  /** @param precision and {@code accuracy} from the release's ladder, {@code null} if it does not say */
  record Variant(String variantId, String sha256, long size, String precision, Double accuracy) {}

  record Push(String kind, String target, Instant pushedAt, String rolloutId) {
    static Push of(PushRecord p) {
      return new Push(p.target().kind().name(), p.target().value(), p.pushedAt(), p.rolloutId());
    }
  }

  record Release(String releaseSha, String model, Instant createdAt, List<Variant> variants, List<Push> pushes) {
    static Release of(ReleaseRecord r, List<PushRecord> pushes) {
      Map<String, VariantEntry> entries = ladder(r);
      List<Variant> variants = r.artifacts().stream().map((ReleaseArtifact a) -> {
        VariantEntry e = entries.get(a.variantId());
        return new Variant(a.variantId(), a.sha256(), a.size(),
            e == null ? null : e.precision().label(),
            e == null ? null : e.accuracy());
      }).toList();
      return new Release(r.releaseSha(), r.model(), r.createdAt(), variants,
          pushes.stream().map(Push::of).toList());
    }

    private static Map<String, VariantEntry> ladder(ReleaseRecord r) {
      try {
        return LadderManifest.parse(r.ladderJson().getBytes(StandardCharsets.UTF_8)).variants().stream()
            .collect(Collectors.toMap(VariantEntry::id, Function.identity(), (a, b) -> a));
      } catch (IOException | RuntimeException e) {
        return Map.of(); // display only: a ladder this code cannot read shows without precision/accuracy
      }
    }
  }
}
