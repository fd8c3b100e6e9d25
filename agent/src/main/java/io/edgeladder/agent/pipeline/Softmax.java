package io.edgeladder.agent.pipeline;

/** Numerically stable softmax and arg-max over small score vectors, in place. */
final class Softmax {
  private Softmax() {}

  static void inPlace(float[] v) {
    float max = Float.NEGATIVE_INFINITY;
    for (float x : v) {
      max = Math.max(max, x);
    }
    float sum = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) Math.exp(v[i] - max);
      sum += v[i];
    }
    for (int i = 0; i < v.length; i++) {
      v[i] /= sum;
    }
  }

  static int argMax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
