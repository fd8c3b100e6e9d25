package io.edgeladder.protocol.dist;

import io.edgeladder.protocol.Fields;
import io.edgeladder.protocol.InvalidFieldException;
import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.ProtocolJson;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Retained on {@code models/{releaseSha}/manifest}: a {@link Release}'s exact JSON bytes and an Ed25519
 * signature over them (signing bytes, not a re-serialisation, avoids JSON canonicalisation). In JSON the
 * payload and signature are base64. Immutable: the arrays are copied in and out.
 *
 * <p>Nothing here is trusted until {@link Verifier#verify(SignedRelease, String)} says so.
 *
 * @param keyId id of the signing key ({@link KeyFiles#keyId}), 16 lower-case hex digits
 * @param algorithm {@value Signer#ALGORITHM}
 * @param payload the release JSON bytes
 * @param signature signature over payload
 */
public record SignedRelease(String keyId, String algorithm, byte[] payload, byte[] signature) {
  private static final String R = "SignedRelease";
  private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");

  public SignedRelease {
    if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
      throw new InvalidFieldException(R, "keyId", "must be 16 lower-case hex digits but was " + keyId);
    }
    Fields.text(R, "algorithm", algorithm);
    if (payload == null || payload.length == 0) throw new InvalidFieldException(R, "payload", "is missing");
    if (signature == null || signature.length == 0) throw new InvalidFieldException(R, "signature", "is missing");
    payload = payload.clone();
    signature = signature.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** sha256 of the payload bytes: the {@code {releaseSha}} level of the manifest topic. */
  public String releaseSha() {
    return Sha256.hex(payload);
  }

  public byte[] toJson() {
    return ProtocolJson.write(this);
  }

  /** @throws ProtocolException naming the bad field; the signature is not checked here */
  public static SignedRelease parse(byte[] json) throws ProtocolException {
    return ProtocolJson.read(json, SignedRelease.class);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedRelease s && keyId.equals(s.keyId) && algorithm.equals(s.algorithm)
        && Arrays.equals(payload, s.payload) && Arrays.equals(signature, s.signature);
  }

  @Override
  public int hashCode() {
    return 31 * keyId.hashCode() + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "SignedRelease[keyId=" + keyId + ", algorithm=" + algorithm + ", releaseSha=" + releaseSha()
        + ", payload=" + payload.length + " bytes]";
  }
}
