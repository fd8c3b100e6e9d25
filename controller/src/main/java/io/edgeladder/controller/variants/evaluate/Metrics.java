package io.edgeladder.controller.variants.evaluate;

/** The built-in {@link Metric}s. */
final class Metrics {
  static final Metric TOP1 = new Named("top1Accuracy") {
    @Override
    public double score(int[] labels, int[] predicted, int classes) {
      check(labels, predicted);
      int correct = 0;
      for (int i = 0; i < labels.length; i++) if (labels[i] == predicted[i]) correct++;
      return (double) correct / labels.length;
    }
  };

  static final Metric MACRO_F1 = new Named("macroF1") {
    @Override
    public double score(int[] labels, int[] predicted, int classes) {
      check(labels, predicted);
      int[] tp = new int[classes];
      int[] fp = new int[classes];
      int[] fn = new int[classes];
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == predicted[i]) {
          tp[labels[i]]++;
        } else {
          fp[predicted[i]]++;
          fn[labels[i]]++;
        }
      }
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        int denominator = 2 * tp[c] + fp[c] + fn[c];
        sum += denominator == 0 ? 1.0 : 2.0 * tp[c] / denominator;
      }
      return sum / classes;
    }
  };

  private Metrics() {}

  private abstract static class Named implements Metric {
    private final String name;

    Named(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static void check(int[] labels, int[] predicted) {
    if (labels.length == 0 || labels.length != predicted.length) {
      throw new IllegalArgumentException("metric needs equal, non-empty label and prediction arrays but had "
          + labels.length + " and " + predicted.length);
    }
  }
}
