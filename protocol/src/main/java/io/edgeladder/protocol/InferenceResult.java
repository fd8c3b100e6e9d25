package io.edgeladder.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * One window's result, as published on {@code inference/{agent}/{pipeline}}. The agent writes it with
 * {@link InferenceResultWriter} (no allocation); subscribers read it with {@link #parse(byte[])}.
 *
 * @param agent agent id
 * @param pipeline pipeline name
 * @param model model name
 * @param variant variant id, e.g. {@code fp32}
 * @param sha256 hex sha256 of the variant's ONNX file
 * @param seq per-pipeline window sequence number, from 0, one per window cut
 * @param windowStart wall-clock epoch millis of the window's first sample
 * @param windowEnd wall-clock epoch millis of the window's last sample
 * @param queueUs microseconds from window close to the start of inference
 * @param runUs microseconds of inference (input copy, session run, output read)
 * @param deadlineMet whether the result was ready before the window's deadline
 * @param top the most likely class
 * @param topIndex its index in the model's classes
 * @param scores per-class probabilities, index-aligned with the model's classes
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InferenceResult(
    String agent,
    String pipeline,
    String model,
    String variant,
    String sha256,
    long seq,
    long windowStart,
    long windowEnd,
    long queueUs,
    long runUs,
    boolean deadlineMet,
    String top,
    int topIndex,
    float[] scores) {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /**
   * Parses a result payload.
   *
   * @throws IOException when the payload is not a result (a JSON {@code null} included)
   */
  public static InferenceResult parse(byte[] payload) throws IOException {
    InferenceResult r = JSON.readValue(payload, InferenceResult.class);
    if (r == null) throw new IOException("invalid InferenceResult: payload is JSON null");
    return r;
  }
}
