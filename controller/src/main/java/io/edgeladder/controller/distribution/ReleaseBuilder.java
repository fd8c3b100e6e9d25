package io.edgeladder.controller.distribution;

import io.edgeladder.controller.registry.ArtifactIntegrityException;
import io.edgeladder.controller.registry.ArtifactStore;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeladder.controller.store.models.ModelRegistry;
import io.edgeladder.controller.store.models.ReleaseArtifact;
import io.edgeladder.controller.store.models.ReleaseRecord;
import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.dist.Artifact;
import io.edgeladder.protocol.dist.Chunker;
import io.edgeladder.protocol.dist.Release;
import io.edgeladder.protocol.dist.SignedRelease;
import io.edgeladder.protocol.dist.Signer;
import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.VariantEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a ladder folder (what {@code variants build} writes: {@code ladder.json} and the variant files it
 * names, relative to the folder) into a signed {@link Release} recorded in the {@link ModelRegistry}.
 *
 * <p>Deterministic per ladder: the release's {@code createdAt} is the ladder's, and a release of the same
 * model with an equal ladder and artifacts, signed by the same key, is reused from the registry as stored
 * (JSON map order may differ between JVMs, so re-serialising would not give the same bytes).
 *
 * <p>Thread-safe if its collaborators are; {@link ReleasePublisher} calls it from one thread at a time.
 */
final class ReleaseBuilder {
  private static final ObjectMapper TREES = new ObjectMapper();

  private final ArtifactStore artifacts;
  private final ModelRegistry models;
  private final Signer signer;
  private final Chunker chunker;

  ReleaseBuilder(ArtifactStore artifacts, ModelRegistry models, Signer signer, Chunker chunker) {
    this.artifacts = artifacts;
    this.models = models;
    this.signer = signer;
    this.chunker = chunker;
  }

  PreparedRelease build(Path ladderFolder) throws IOException, DistributionException {
    Path manifestFile = ladderFolder.resolve("ladder.json");
    if (!Files.isRegularFile(manifestFile)) {
      throw new DistributionException(ladderFolder + " holds no ladder.json (run `variants build` first)");
    }
    LadderManifest ladder = LadderManifest.read(manifestFile);
    List<Artifact> described = new ArrayList<>();
    Map<String, Path> files = new HashMap<>();
    for (VariantEntry v : ladder.accepted()) {
      Path source = ladderFolder.resolve(v.file()).normalize();
      if (!Files.isRegularFile(source)) {
        throw new DistributionException("variant " + v.id() + " of " + manifestFile + ": file " + source
            + " does not exist");
      }
      Path stored = store(source, v.sha256(), v.id());
      described.add(chunker.describe(v.id(), stored));
      files.put(v.sha256(), stored);
    }
    Release release;
    try {
      release = new Release(Release.SCHEMA_VERSION, ladder.model(), Instant.parse(ladder.createdAt()), ladder,
          described);
    } catch (IllegalArgumentException e) {
      throw new DistributionException(manifestFile + ": not a releasable ladder: " + e.getMessage(), e);
    }
    Optional<SignedRelease> previous = storedEqual(release);
    if (previous.isPresent()) return new PreparedRelease(previous.get(), release, files, false);
    SignedRelease signed = signer.sign(release);
    models.createModel(release.model());
    boolean stored = models.putRelease(record(signed, release));
    return new PreparedRelease(signed, release, files, stored);
  }

  /** A stored release with the same content (compared as JSON trees: key order does not matter). */
  private Optional<SignedRelease> storedEqual(Release release) throws IOException {
    JsonNode wanted = TREES.readTree(release.toJson());
    for (ReleaseRecord r : models.releases(release.model())) {
      try {
        SignedRelease s = SignedRelease.parse(r.signedReleaseBytes());
        if (s.keyId().equals(signer.keyId()) && TREES.readTree(s.payload()).equals(wanted)) return Optional.of(s);
      } catch (ProtocolException e) {
        // a stored release this code cannot read is not the one being built
      }
    }
    return Optional.empty();
  }

  private static ReleaseRecord record(SignedRelease signed, Release release) {
    List<ReleaseArtifact> arts = release.artifacts().stream()
        .map(a -> new ReleaseArtifact(a.variantId(), a.sha256(), a.size())).toList();
    return new ReleaseRecord(signed.releaseSha(), release.model(), release.createdAt(),
        ByteBuffer.wrap(signed.toJson()), new String(release.ladder().toJson(), StandardCharsets.UTF_8), arts);
  }

  /** Copies {@code source} into the artifact store, checking it hashes to the ladder's sha256. */
  private Path store(Path source, String sha256, String variantId) throws IOException, DistributionException {
    try (InputStream in = Files.newInputStream(source)) {
      artifacts.put(in, sha256);
    } catch (ArtifactIntegrityException e) {
      throw new DistributionException("variant " + variantId + ": " + source + ": " + e.getMessage());
    }
    return artifacts.path(sha256);
  }
}
