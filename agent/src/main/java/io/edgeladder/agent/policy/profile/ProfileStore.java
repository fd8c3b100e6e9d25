package io.edgeladder.agent.policy.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Variant profiles persisted as JSON in the agent's state folder, one file per model ({@code
 * <sha256>.profile.json}), written atomically (temp file in the same folder, then an atomic rename), so
 * a crash leaves the old profile or the new one, never half a file.
 *
 * <p>A stored profile is stale when the background load it was measured under differs from the current
 * one by more than {@code refreshLoadDeltaCores}. A garbage or unreadable file counts as missing (logged):
 * the variant is simply profiled again.
 *
 * <p>Threads: any; writes to the same key race benignly (last rename wins).
 */
public final class ProfileStore {
  private static final Logger log = LoggerFactory.getLogger(ProfileStore.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String SUFFIX = ".profile.json";

  private final Path folder;
  private final double refreshLoadDeltaCores;

  private ProfileStore(Path folder, double refreshLoadDeltaCores) {
    this.folder = folder;
    this.refreshLoadDeltaCores = refreshLoadDeltaCores;
  }

  /**
   * @param folder state folder (created if missing)
   * @param refreshLoadDeltaCores background-load change, in cores, beyond which a profile is stale (> 0)
   * @throws UncheckedIOException when the folder cannot be created
   */
  public static ProfileStore of(Path folder, double refreshLoadDeltaCores) {
    if (!(refreshLoadDeltaCores > 0)) {
      throw new IllegalArgumentException("profiles.refreshLoadDeltaCores must be > 0 but was " + refreshLoadDeltaCores);
    }
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("profiles: cannot create state folder " + folder + ": " + e.getMessage(), e);
    }
    return new ProfileStore(folder, refreshLoadDeltaCores);
  }

  /** The stored profile of the model with this hash; empty when none or the file is unreadable. */
  public Optional<VariantProfile> load(String sha256) {
    Path file = file(sha256);
    if (!Files.exists(file)) return Optional.empty();
    try {
      VariantProfile p = JSON.readValue(file.toFile(), VariantProfile.class);
      if (!p.sha256().equals(sha256)) {
        log.warn("profiles: {} holds the profile of {}; ignored", file, p.sha256());
        return Optional.empty();
      }
      return Optional.of(p);
    } catch (IOException | RuntimeException e) {
      log.warn("profiles: {} is unreadable ({}); the variant will be profiled again", file, e.getMessage());
      return Optional.empty();
    }
  }

  /** Writes {@code profile} atomically, replacing any previous profile of the same model. */
  public void save(VariantProfile profile) {
    Path target = file(profile.sha256());
    try {
      Path tmp = Files.createTempFile(folder, profile.sha256(), ".tmp");
      try {
        JSON.writeValue(tmp.toFile(), profile);
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("profiles: cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@code profile} was measured under a background load too far from {@code currentLoadCores}. */
  public boolean isStale(VariantProfile profile, double currentLoadCores) {
    return Math.abs(profile.backgroundLoadCores() - currentLoadCores) > refreshLoadDeltaCores;
  }

  /** The stored profile if it is still fresh for {@code currentLoadCores}. */
  public Optional<VariantProfile> fresh(String sha256, double currentLoadCores) {
    return load(sha256).filter(p -> !isStale(p, currentLoadCores));
  }

  Path file(String sha256) {
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("profiles: key must be a sha256 (64 lower-case hex) but was " + sha256);
    }
    return folder.resolve(sha256 + SUFFIX);
  }
}
