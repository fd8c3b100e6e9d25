package io.edgeladder.controller.variants.evaluate;

import io.edgeladder.protocol.ladder.Agreement;

/** Sums per-window differences between a candidate's and the reference's outputs. Single-threaded. */
final class AgreementAccumulator {
  private final float[] softCandidate;
  private final float[] softReference;
  private int windows;
  private int sameTop1;
  private double maxSoft;
  private double sumSoft;
  private double maxRaw;
  private double sumRaw;
  private long values;

  AgreementAccumulator(int outputSize) {
    softCandidate = new float[outputSize];
    softReference = new float[outputSize];
  }

  void add(float[] candidate, float[] reference) {
    windows++;
    if (argmax(candidate) == argmax(reference)) sameTop1++;
    softmax(candidate, softCandidate);
    softmax(reference, softReference);
    for (int k = 0; k < candidate.length; k++) {
      double raw = Math.abs((double) candidate[k] - reference[k]);
      double soft = Math.abs((double) softCandidate[k] - softReference[k]);
      // NaN outputs must not look like agreement: Math.max propagates NaN, which the record rejects
      maxRaw = Math.max(maxRaw, raw);
      maxSoft = Math.max(maxSoft, soft);
      sumRaw += raw;
      sumSoft += soft;
      values++;
    }
  }

  Agreement result() {
    return new Agreement((double) sameTop1 / windows, maxSoft, sumSoft / values, maxRaw, sumRaw / values);
  }

  static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
    return best;
  }

  static void softmax(float[] logits, float[] out) {
    float max = Float.NEGATIVE_INFINITY;
    for (float v : logits) max = Math.max(max, v);
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      out[i] = (float) Math.exp(logits[i] - max);
      sum += out[i];
    }
    for (int i = 0; i < out.length; i++) out[i] = (float) (out[i] / sum);
  }
}
