package io.edgeladder.protocol.fuzz;

import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.dist.Rejection;
import io.edgeladder.protocol.dist.Release;
import io.edgeladder.protocol.dist.SignedRelease;
import io.edgeladder.protocol.dist.Signer;
import io.edgeladder.protocol.dist.VerificationException;
import io.edgeladder.protocol.dist.Verifier;
import io.edgeladder.protocol.ladder.LadderManifest;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Signed release manifests (issue 6, fuzzing): a mutated manifest is either the exact release the controller
 * signed, or a typed rejection ({@link ProtocolException} naming the field, {@link VerificationException} with
 * its {@link Rejection} reason); a mutated release payload signed by the trusted key is either a valid
 * {@link Release} or {@link Rejection#MALFORMED_RELEASE} naming the field. Ladder manifests likewise.
 */
@AddLifecycleHook(FuzzTriesHook.class)
class ManifestFuzzTest {
  private static final Verifier VERIFIER = Verifier.of(ReleaseSamples.TRUSTED.getPublic());
  private static final SignedRelease SIGNED = ReleaseSamples.SIGNER.sign(ReleaseSamples.RELEASE);
  private Tally tally;

  @Property(shrinking = ShrinkingMode.OFF)
  @FuzzTries(shortPass = 3_000, fullPass = 30_000)
  void signedRelease_mutated_isTheSignedReleaseOrTypedRejection(@ForAll("signed") Payload p,
      @ForAll("mostly") boolean fetchedByItsSha) {
    tally("SignedRelease");
    SignedRelease s;
    try {
      s = SignedRelease.parse(p.bytes());
    } catch (ProtocolException e) {
      tally.rejected("parse:" + Oracle.protocolRejection("SignedRelease", e, p));
      return;
    }
    String expectedSha = fetchedByItsSha ? SIGNED.releaseSha() : "0".repeat(64);
    Release r;
    try {
      r = VERIFIER.verify(s, expectedSha);
    } catch (VerificationException e) {
      checkVerification(e, p);
      tally.rejected(e.reason().tag());
      return;
    }
    if (!Arrays.equals(s.payload(), SIGNED.payload()) || !r.model().equals(ReleaseSamples.RELEASE.model())) {
      throw new AssertionError("verified a release the controller did not sign\ninput " + p);
    }
    tally.accepted();
  }

  @Property(shrinking = ShrinkingMode.OFF)
  @FuzzTries(shortPass = 2_000, fullPass = 20_000)
  void releasePayload_mutatedAndSigned_isReleaseOrMalformed(@ForAll("release") Payload p) {
    tally("Release");
    SignedRelease s = ReleaseSamples.SIGNER.sign(p.bytes().length == 0 ? new byte[] {' '} : p.bytes());
    Release r;
    try {
      r = VERIFIER.verify(s, s.releaseSha());
    } catch (VerificationException e) {
      checkVerification(e, p);
      if (e.reason() != Rejection.MALFORMED_RELEASE) {
        throw new AssertionError("a correctly signed payload rejected as " + e.reason() + "\ninput " + p, e);
      }
      String kind;
      try {
        Release.parse(p.bytes());
        throw new AssertionError("verifier rejected what Release.parse accepts\ninput " + p, e);
      } catch (ProtocolException pe) {
        kind = Oracle.protocolRejection("Release", pe, p);
      }
      tally.rejected(kind);
      return;
    }
    tally.accepted();
    try {
      if (!Arrays.equals(Release.parse(r.toJson()).toJson(), r.toJson())) {
        throw new AssertionError("round trip changed " + p);
      }
    } catch (ProtocolException e) {
      throw new AssertionError("accepted Release does not read back: " + e.getMessage() + "\ninput " + p, e);
    }
  }

  @Property(shrinking = ShrinkingMode.OFF)
  @FuzzTries(shortPass = 2_000, fullPass = 30_000)
  void ladderManifest_mutated_isManifestOrIoException(@ForAll("ladder") Payload p) {
    tally("LadderManifest");
    LadderManifest m;
    try {
      m = LadderManifest.parse(p.bytes());
    } catch (IOException e) {
      if (e.getMessage() == null || !e.getMessage().startsWith("invalid ladder manifest: ")
          || e.getMessage().endsWith(": null")) {
        throw new AssertionError("ladder rejection without a reason: " + e.getMessage() + "\ninput " + p, e);
      }
      Oracle.allowedCause(e, p);
      Throwable root = e;
      while (root.getCause() != null) root = root.getCause();
      tally.rejected(root instanceof IllegalArgumentException ? "invalid-field" : "json");
      return;
    }
    tally.accepted();
    try {
      LadderManifest.parse(m.toJson());
    } catch (IOException e) {
      throw new AssertionError("accepted ladder does not read back: " + e.getMessage() + "\ninput " + p, e);
    }
  }

  @Provide
  Arbitrary<Payload> signed() {
    SignedRelease stranger = Signer.of(ReleaseSamples.STRANGER).sign(ReleaseSamples.RELEASE);
    return JsonMutator.of(SIGNED.toJson(), stranger.toJson()).payloads();
  }

  @Provide
  Arbitrary<Boolean> mostly() {
    return Arbitraries.frequency(Tuple.of(9, true), Tuple.of(1, false));
  }

  @Provide
  Arbitrary<Payload> release() {
    return JsonMutator.of(ReleaseSamples.RELEASE.toJson()).payloads();
  }

  @Provide
  Arbitrary<Payload> ladder() {
    return JsonMutator.of(ReleaseSamples.RELEASE.ladder().toJson()).payloads();
  }

  @AfterProperty
  void report() {
    if (tally != null) tally.print();
  }

  private void tally(String target) {
    if (tally == null) tally = new Tally(target);
  }

  private static void checkVerification(VerificationException e, Payload p) {
    if (e.getMessage() == null || !e.getMessage().startsWith(e.reason().tag() + ": ") || !e.getMessage().contains("release ")) {
      throw new AssertionError("verification rejection does not name reason and release: " + e.getMessage()
          + "\ninput " + p, e);
    }
    if (!List.of(Rejection.values()).contains(e.reason())) throw new AssertionError(e.reason());
  }
}
