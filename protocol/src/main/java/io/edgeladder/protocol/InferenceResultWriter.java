package io.edgeladder.protocol;


/**
 * Writes {@link InferenceResult} JSON into a reused buffer without allocating. Strings that are the same
 * for every window of a pipeline (agent, pipeline, model, variant, sha256, class labels) are encoded
 * once, when the writer is made or the variant changes.
 *
 * <p>Not thread-safe: one writer per inference worker and pipeline.
 */
public final class InferenceResultWriter {
  private final JsonBuffer out = new JsonBuffer(1024);
  private final byte[] prefix;
  private byte[] variantPart;
  private final byte[][] labels;

  public InferenceResultWriter(String agent, String pipeline, String model, Iterable<String> classes) {
    JsonBuffer p = new JsonBuffer(256);
    p.raw('{').key("agent").string(agent).raw(',').key("pipeline").string(pipeline)
        .raw(',').key("model").string(model).raw(',');
    prefix = p.toByteArray();
    java.util.List<byte[]> l = new java.util.ArrayList<>();
    for (String c : classes) {
      l.add(new JsonBuffer(64).string(c).toByteArray());
    }
    labels = l.toArray(new byte[0][]);
    variant("unknown", "");
  }

  /** Sets the variant named in later results; called on a swap, not per window. */
  public void variant(String variantId, String sha256) {
    variantPart = new JsonBuffer(128).key("variant").string(variantId).raw(',')
        .key("sha256").string(sha256).raw(',').toByteArray();
  }

  /**
   * Writes one result; the bytes are valid until the next call.
   *
   * @param scores probabilities, one per class; {@code scores.length} must equal the class count
   * @return the buffer holding the JSON, read {@link JsonBuffer#length()} bytes from {@link JsonBuffer#array()}
   */
  public JsonBuffer write(long seq, long windowStart, long windowEnd, long queueUs, long runUs,
      boolean deadlineMet, int topIndex, float[] scores) {
    JsonBuffer b = out.reset();
    b.raw(prefix).raw(variantPart)
        .key("seq").number(seq).raw(',')
        .key("windowStart").number(windowStart).raw(',')
        .key("windowEnd").number(windowEnd).raw(',')
        .key("queueUs").number(queueUs).raw(',')
        .key("runUs").number(runUs).raw(',')
        .key("deadlineMet").bool(deadlineMet).raw(',')
        .key("top").raw(labels[topIndex]).raw(',')
        .key("topIndex").number(topIndex).raw(',')
        .key("scores").raw('[');
    for (int i = 0; i < labels.length; i++) {
      if (i > 0) b.raw(',');
      b.fraction(scores[i]);
    }
    return b.raw(']').raw('}');
  }

}
