package io.edgeladder.protocol.dist;

import io.edgeladder.protocol.ProtocolException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks signed releases against the public keys an agent trusts (more than one during a key rotation).
 * Immutable and thread-safe: a {@link Signature} per call.
 */
public final class Verifier {
  private final Map<String, PublicKey> keys;

  private Verifier(Map<String, PublicKey> keys) {
    this.keys = Map.copyOf(keys);
  }

  /** Trusts these keys, each under its {@link KeyFiles#keyId}. */
  public static Verifier of(Collection<PublicKey> trusted) {
    if (trusted.isEmpty()) throw new IllegalArgumentException("a verifier needs at least one trusted key");
    Map<String, PublicKey> byId = new LinkedHashMap<>();
    for (PublicKey k : trusted) byId.put(KeyFiles.keyId(k), k);
    return new Verifier(byId);
  }

  public static Verifier of(PublicKey trusted) {
    return of(List.of(trusted));
  }

  public Set<String> keyIds() {
    return keys.keySet();
  }

  /**
   * Verifies a release fetched from {@code models/{expectedReleaseSha}/manifest}. Checks, in order: the
   * algorithm, that the payload hashes to the sha it was fetched by, that the key is trusted, the signature,
   * and that the payload is a valid {@link Release}.
   *
   * @return the release, now trusted
   * @throws VerificationException with reason {@link Rejection#UNSUPPORTED_ALGORITHM},
   *     {@link Rejection#TAMPERED_PAYLOAD}, {@link Rejection#UNKNOWN_KEY}, {@link Rejection#BAD_SIGNATURE} or
   *     {@link Rejection#MALFORMED_RELEASE}
   */
  public Release verify(SignedRelease signed, String expectedReleaseSha) throws VerificationException {
    String actual = signed.releaseSha();
    checkAlgorithm(signed, actual);
    if (expectedReleaseSha != null && !expectedReleaseSha.equals(actual)) {
      throw new VerificationException(Rejection.TAMPERED_PAYLOAD,
          "payload hashes to " + actual + ", not to the release sha " + expectedReleaseSha + " it was fetched by");
    }
    return verify(signed);
  }

  /**
   * Verifies a release whatever sha it was fetched by (a flipped payload byte shows as a bad signature).
   *
   * @throws VerificationException as {@link #verify(SignedRelease, String)}, except tampered payload
   */
  public Release verify(SignedRelease signed) throws VerificationException {
    String sha = signed.releaseSha();
    checkAlgorithm(signed, sha);
    PublicKey key = keys.get(signed.keyId());
    if (key == null) {
      throw new VerificationException(Rejection.UNKNOWN_KEY,
          "release " + sha + " is signed by key " + signed.keyId() + "; trusted: " + keys.keySet());
    }
    boolean valid;
    try {
      Signature s = Signature.getInstance(Signer.ALGORITHM);
      s.initVerify(key);
      s.update(signed.payload());
      valid = s.verify(signed.signature());
    } catch (GeneralSecurityException e) { // a malformed signature, e.g. the wrong length
      valid = false;
    }
    if (!valid) {
      throw new VerificationException(Rejection.BAD_SIGNATURE,
          "release " + sha + ": signature does not verify with key " + signed.keyId());
    }
    try {
      return Release.parse(signed.payload());
    } catch (ProtocolException e) {
      throw new VerificationException(Rejection.MALFORMED_RELEASE,
          "release " + sha + " is signed but " + e.getMessage());
    }
  }

  private static void checkAlgorithm(SignedRelease signed, String sha) throws VerificationException {
    if (!signed.algorithm().equals(Signer.ALGORITHM)) {
      throw new VerificationException(Rejection.UNSUPPORTED_ALGORITHM,
          "release " + sha + " is signed with " + signed.algorithm() + ", not " + Signer.ALGORITHM);
    }
  }
}
