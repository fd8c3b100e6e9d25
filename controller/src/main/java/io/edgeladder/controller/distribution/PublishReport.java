package io.edgeladder.controller.distribution;

/**
 * What one {@link ReleasePublisher#publish} did.
 *
 * @param releaseSha the release ({@code models/{releaseSha}/manifest})
 * @param model its model
 * @param keyId the signing key
 * @param artifacts artifacts the release ships
 * @param chunksPublished chunk messages sent now
 * @param bytesPublished chunk payload bytes sent now
 * @param artifactsSkipped artifacts already on the broker from an earlier publish (not sent again)
 * @param manifestPublished whether the manifest was sent now (false: already published, not forced)
 * @param newRelease whether the release was stored in the model registry by this call
 */
public record PublishReport(
    String releaseSha,
    String model,
    String keyId,
    int artifacts,
    long chunksPublished,
    long bytesPublished,
    int artifactsSkipped,
    boolean manifestPublished,
    boolean newRelease) {}
