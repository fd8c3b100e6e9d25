package io.edgeladder.controller.distribution;

/**
 * Told about every chunk the broker acknowledged during {@link ReleasePublisher#publish}.
 *
 * <p><b>Threads:</b> called on the MQTT client's callback thread, in acknowledgement order: keep it short.
 */
@FunctionalInterface
public interface PublishProgress {
  PublishProgress NONE = p -> { };

  void chunkPublished(Chunk progress);

  /**
   * @param variantId the variant whose file the chunk belongs to
   * @param artifactSha256 that file's sha256
   * @param index the chunk index within the artifact
   * @param chunksDone chunks acknowledged so far in this publish (all artifacts)
   * @param chunksTotal chunks this publish sends (all artifacts)
   * @param bytesDone payload bytes acknowledged so far
   * @param bytesTotal payload bytes this publish sends
   */
  record Chunk(String variantId, String artifactSha256, int index, long chunksDone, long chunksTotal,
      long bytesDone, long bytesTotal) {}
}
