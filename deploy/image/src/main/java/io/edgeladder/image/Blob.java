package io.edgeladder.image;

/**
 * A content-addressed blob of the image layout.
 *
 * @param digest {@code sha256:HEX} of the stored bytes
 * @param size stored bytes
 * @param diffId for layers, {@code sha256:HEX} of the uncompressed tar; {@code null} otherwise
 */
public record Blob(String mediaType, String digest, long size, String diffId) {
  public static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String INDEX = "application/vnd.oci.image.index.v1+json";

  /** The hex part of the digest: the file name under blobs/sha256/. */
  public String hex() {
    return digest.substring("sha256:".length());
  }
}
