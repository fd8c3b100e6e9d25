package io.edgeladder.protocol.dist;

import java.util.Locale;

/**
 * Why a release or an artifact chunk was refused. Callers count rejections by this reason
 * ({@link #tag()} is a ready metric tag value) and put it in {@code release.rejected} / {@code chunk.rejected}
 * events.
 */
public enum Rejection {
  /** The signature does not verify with the key its keyId names. */
  BAD_SIGNATURE,
  /** The keyId names no trusted key. */
  UNKNOWN_KEY,
  /** The algorithm is not {@code Ed25519}. */
  UNSUPPORTED_ALGORITHM,
  /** The payload does not hash to the release sha it was fetched by (altered after naming). */
  TAMPERED_PAYLOAD,
  /** Signed correctly, but the payload is not a valid {@link Release}. */
  MALFORMED_RELEASE,
  /** A chunk's bytes do not hash to the manifest's chunk hash. */
  CHUNK_HASH_MISMATCH,
  /** A chunk is not as long as its index demands. */
  CHUNK_SIZE_MISMATCH,
  /** A chunk index beyond the artifact's chunk count. */
  CHUNK_INDEX_OUT_OF_RANGE,
  /** The assembled file does not hash to the artifact's sha256. */
  FILE_HASH_MISMATCH,
  /** The assembled file is not as long as the artifact's size. */
  SIZE_MISMATCH;

  /** Lower-case name, e.g. {@code bad_signature}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
