package io.edgeladder.protocol.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningTest {
  private static final KeyPair CONTROLLER = KeyFiles.generate();
  private static final KeyPair OTHER = KeyFiles.generate();
  private static Release release;

  @BeforeAll
  static void release(@TempDir Path dir) throws Exception {
    release = DistSamples.release(dir);
  }

  private static Rejection rejection(Verifier v, SignedRelease s, String expectedSha) {
    try {
      v.verify(s, expectedSha);
      throw new AssertionError("verified: " + s);
    } catch (VerificationException e) {
      return e.reason();
    }
  }

  @Test
  void verify_signedByTrustedKey_returnsTheRelease() throws Exception {
    SignedRelease signed = Signer.of(CONTROLLER).sign(release);

    Release verified = Verifier.of(CONTROLLER.getPublic()).verify(signed, signed.releaseSha());

    assertThat(verified).usingRecursiveComparison().isEqualTo(release);
    assertThat(signed.keyId()).isEqualTo(KeyFiles.keyId(CONTROLLER.getPublic()));
    assertThat(signed.releaseSha()).isEqualTo(Sha256.hex(release.toJson()));
  }

  @Test
  void signedRelease_jsonRoundTrip_base64PayloadAndSignature() throws ProtocolException {
    SignedRelease signed = Signer.of(CONTROLLER).sign(release);
    String json = new String(signed.toJson(), StandardCharsets.UTF_8);

    assertThat(SignedRelease.parse(signed.toJson())).isEqualTo(signed);
    assertThat(json).contains("\"algorithm\":\"Ed25519\"",
        "\"payload\":\"" + Base64.getEncoder().encodeToString(release.toJson()) + "\"");
    assertThat(Topics.releaseManifest(signed.releaseSha())).isEqualTo("models/" + signed.releaseSha() + "/manifest");
  }

  @Test
  void verify_flippedPayloadByte_tamperedWhenFetchedBySha_badSignatureOtherwise() {
    SignedRelease signed = Signer.of(CONTROLLER).sign(release);
    byte[] payload = signed.payload();
    payload[payload.length / 2] ^= 1;
    SignedRelease tampered = new SignedRelease(signed.keyId(), signed.algorithm(), payload, signed.signature());
    Verifier v = Verifier.of(CONTROLLER.getPublic());

    assertThat(rejection(v, tampered, signed.releaseSha())).isEqualTo(Rejection.TAMPERED_PAYLOAD);
    assertThat(rejection(v, tampered, null)).isEqualTo(Rejection.BAD_SIGNATURE);
    assertThat(rejection(v, tampered, tampered.releaseSha())).isEqualTo(Rejection.BAD_SIGNATURE);
  }

  @Test
  void verify_flippedSignatureByte_badSignature() {
    SignedRelease signed = Signer.of(CONTROLLER).sign(release);
    byte[] sig = signed.signature();
    sig[10] ^= (byte) 0x80;

    assertThatThrownBy(() -> Verifier.of(CONTROLLER.getPublic())
        .verify(new SignedRelease(signed.keyId(), signed.algorithm(), signed.payload(), sig), signed.releaseSha()))
        .isInstanceOf(VerificationException.class)
        .hasMessage("bad_signature: release " + signed.releaseSha() + ": signature does not verify with key "
            + signed.keyId());
  }

  @Test
  void verify_truncatedSignature_badSignature() {
    SignedRelease signed = Signer.of(CONTROLLER).sign(release);
    byte[] sig = java.util.Arrays.copyOf(signed.signature(), 63);
    SignedRelease cut = new SignedRelease(signed.keyId(), signed.algorithm(), signed.payload(), sig);
    assertThat(rejection(Verifier.of(CONTROLLER.getPublic()), cut, null)).isEqualTo(Rejection.BAD_SIGNATURE);
  }

  @Test
  void verify_signedByOtherKey_unknownKey() {
    SignedRelease signed = Signer.of(OTHER).sign(release);
    assertThatThrownBy(() -> Verifier.of(CONTROLLER.getPublic()).verify(signed, signed.releaseSha()))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("unknown_key: release " + signed.releaseSha() + " is signed by key " + signed.keyId())
        .satisfies(e -> assertThat(((VerificationException) e).reason()).isEqualTo(Rejection.UNKNOWN_KEY));
  }

  @Test
  void verify_otherKeyClaimingTrustedKeyId_badSignature() {
    SignedRelease forged = Signer.of(OTHER).sign(release);
    SignedRelease claimed = new SignedRelease(KeyFiles.keyId(CONTROLLER.getPublic()), forged.algorithm(),
        forged.payload(), forged.signature());
    assertThat(rejection(Verifier.of(CONTROLLER.getPublic()), claimed, claimed.releaseSha()))
        .isEqualTo(Rejection.BAD_SIGNATURE);
  }

  @Test
  void verify_rotation_trustsEveryConfiguredKey() throws Exception {
    Verifier both = Verifier.of(List.of(CONTROLLER.getPublic(), OTHER.getPublic()));
    SignedRelease byOther = Signer.of(OTHER).sign(release);
    assertThat(both.verify(byOther, byOther.releaseSha()).model()).isEqualTo("vibration-cnn");
    assertThat(both.keyIds()).containsExactlyInAnyOrder(KeyFiles.keyId(CONTROLLER.getPublic()),
        KeyFiles.keyId(OTHER.getPublic()));
  }

  @Test
  void verify_otherAlgorithm_unsupported() {
    SignedRelease signed = Signer.of(CONTROLLER).sign(release);
    SignedRelease rsa = new SignedRelease(signed.keyId(), "RSA", signed.payload(), signed.signature());
    assertThat(rejection(Verifier.of(CONTROLLER.getPublic()), rsa, rsa.releaseSha()))
        .isEqualTo(Rejection.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void verify_signedPayloadNotARelease_malformedNamingTheField() {
    byte[] json = new String(release.toJson(), StandardCharsets.UTF_8)
        .replaceFirst("\"schemaVersion\":1,\"model\"", "\"schemaVersion\":2,\"model\"")
        .getBytes(StandardCharsets.UTF_8);
    SignedRelease signed = Signer.of(CONTROLLER).sign(json);
    assertThatThrownBy(() -> Verifier.of(CONTROLLER.getPublic()).verify(signed, signed.releaseSha()))
        .hasMessageContaining("malformed_release")
        .hasMessageContaining("invalid Release at schemaVersion: Release.schemaVersion must be 1 but was 2");
  }

  @Test
  void signer_mismatchedKeys_rejected() {
    assertThatThrownBy(() -> Signer.of(CONTROLLER.getPrivate(), OTHER.getPublic()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("private key does not match public key " + KeyFiles.keyId(OTHER.getPublic()));
  }

  @Test
  void signedRelease_badKeyIdOrEmptySignature_rejected() {
    assertThatThrownBy(() -> new SignedRelease("KEY", "Ed25519", new byte[] {1}, new byte[] {1}))
        .hasMessage("SignedRelease.keyId must be 16 lower-case hex digits but was KEY");
    assertThatThrownBy(() -> new SignedRelease("0123456789abcdef", "Ed25519", new byte[] {1}, new byte[0]))
        .hasMessage("SignedRelease.signature is missing");
  }
}
