package io.edgeladder.agent.policy;

import io.edgeladder.agent.policy.profile.VariantProfile;
import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.VariantEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A ladder variant the policy may choose: its validation accuracy and its profile on this device.
 *
 * @param id ladder variant id
 * @param accuracy top-1 accuracy in [0, 1] (from the manifest)
 * @param profile on-device profile (latency, energy)
 */
public record Candidate(String id, double accuracy, VariantProfile profile) {
  public Candidate {
    if (id == null || id.isBlank()) throw new IllegalArgumentException("policy candidate id is missing");
    if (!(accuracy >= 0 && accuracy <= 1)) {
      throw new IllegalArgumentException("policy candidate " + id + " accuracy must be in [0, 1] but was " + accuracy);
    }
    if (profile == null) throw new IllegalArgumentException("policy candidate " + id + " has no profile");
  }

  /**
   * The manifest's accepted variants that have a profile on this device ({@code profiles} keyed by
   * sha256), in manifest order; variants not yet profiled are left out until they are.
   */
  public static List<Candidate> of(LadderManifest manifest, Map<String, VariantProfile> profiles) {
    List<Candidate> out = new ArrayList<>();
    for (VariantEntry e : manifest.accepted()) {
      VariantProfile p = profiles.get(e.sha256());
      if (p != null) out.add(new Candidate(e.id(), e.accuracy(), p));
    }
    return out;
  }
}
