package io.edgeladder.protocol.dist;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Signs releases with the controller's Ed25519 private key. Thread-safe: a {@link Signature} per call.
 */
public final class Signer {
  /** The only algorithm: the JDK's EdDSA over Curve25519. */
  public static final String ALGORITHM = "Ed25519";

  private final PrivateKey privateKey;
  private final String keyId;

  private Signer(PrivateKey privateKey, String keyId) {
    this.privateKey = privateKey;
    this.keyId = keyId;
  }

  /**
   * @throws IllegalArgumentException when the keys are not an Ed25519 pair (checked by signing a probe)
   */
  public static Signer of(PrivateKey privateKey, PublicKey publicKey) {
    String keyId = KeyFiles.keyId(publicKey);
    byte[] probe = {'p', 'r', 'o', 'b', 'e'};
    try {
      Signature verify = Signature.getInstance(ALGORITHM);
      verify.initVerify(publicKey);
      verify.update(probe);
      if (!verify.verify(sign(privateKey, probe))) {
        throw new IllegalArgumentException("private key does not match public key " + keyId);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an " + ALGORITHM + " key pair: " + e.getMessage(), e);
    }
    return new Signer(privateKey, keyId);
  }

  public static Signer of(KeyPair pair) {
    return of(pair.getPrivate(), pair.getPublic());
  }

  /** Id of the public key that verifies this signer's signatures. */
  public String keyId() {
    return keyId;
  }

  /** Signs the release's exact JSON bytes. */
  public SignedRelease sign(Release release) {
    return sign(release.toJson());
  }

  /** Signs these bytes as a release payload (tests build deliberately malformed ones). */
  public SignedRelease sign(byte[] payload) {
    try {
      return new SignedRelease(keyId, ALGORITHM, payload, sign(privateKey, payload));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing with key " + keyId + " failed", e);
    }
  }

  private static byte[] sign(PrivateKey key, byte[] payload) throws GeneralSecurityException {
    Signature s = Signature.getInstance(ALGORITHM);
    s.initSign(key);
    s.update(payload);
    return s.sign();
  }
}
