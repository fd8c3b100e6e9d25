package io.edgeladder.protocol.dist;

import io.edgeladder.protocol.Fields;
import io.edgeladder.protocol.InvalidFieldException;
import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.ProtocolJson;
import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.VariantEntry;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the controller signs and pushes: a model's ladder and the files of its accepted rungs, each cut into
 * chunks. Its exact JSON bytes are the {@link SignedRelease} payload. Immutable.
 *
 * <p>Every accepted ladder variant has exactly one artifact and every artifact names an accepted variant,
 * with the ladder entry's sha256 and size, so an agent that installs the artifacts can serve every rung.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param model base model name, equal to the ladder's
 * @param createdAt when the release was built
 * @param ladder the ladder as written by {@code variants build}
 * @param artifacts one per accepted variant
 */
public record Release(
    int schemaVersion, String model, Instant createdAt, LadderManifest ladder, List<Artifact> artifacts) {
  private static final String R = "Release";

  public static final int SCHEMA_VERSION = 1;

  public Release {
    if (schemaVersion != SCHEMA_VERSION) {
      throw new InvalidFieldException(R, "schemaVersion", "must be " + SCHEMA_VERSION + " but was " + schemaVersion);
    }
    Fields.text(R, "model", model);
    Fields.present(R, "createdAt", createdAt);
    Fields.present(R, "ladder", ladder);
    if (!model.equals(ladder.model())) {
      throw new InvalidFieldException(R, "model", model + " differs from the ladder's model " + ladder.model());
    }
    artifacts = Fields.list(R, "artifacts", artifacts);
    Fields.unique(R, "artifacts", artifacts, Artifact::variantId);
    checkArtifacts(ladder, artifacts);
  }

  private static void checkArtifacts(LadderManifest ladder, List<Artifact> artifacts) {
    Set<String> covered = new HashSet<>();
    for (int i = 0; i < artifacts.size(); i++) {
      Artifact a = artifacts.get(i);
      String at = "artifacts[" + i + "]";
      VariantEntry v = ladder.accepted().stream().filter(e -> e.id().equals(a.variantId())).findFirst()
          .orElseThrow(() -> new InvalidFieldException(R, at + ".variantId",
              a.variantId() + " is not an accepted variant of the ladder"));
      if (!v.sha256().equals(a.sha256())) {
        throw new InvalidFieldException(R, at + ".sha256",
            a.sha256() + " differs from the ladder's " + v.sha256() + " for variant " + v.id());
      }
      if (v.sizeBytes() != a.size()) {
        throw new InvalidFieldException(R, at + ".size",
            a.size() + " differs from the ladder's " + v.sizeBytes() + " for variant " + v.id());
      }
      covered.add(a.variantId());
    }
    for (VariantEntry v : ladder.accepted()) {
      if (!covered.contains(v.id())) {
        throw new InvalidFieldException(R, "artifacts", "lacks accepted variant " + v.id());
      }
    }
  }

  /** The artifact of a variant, if it is an accepted rung. */
  public Optional<Artifact> artifact(String variantId) {
    return artifacts.stream().filter(a -> a.variantId().equals(variantId)).findFirst();
  }

  /** Compact JSON: the bytes a {@link Signer} signs. */
  public byte[] toJson() {
    return ProtocolJson.write(this);
  }

  /** @throws ProtocolException naming the bad field */
  public static Release parse(byte[] payload) throws ProtocolException {
    return ProtocolJson.read(payload, Release.class);
  }
}
