package io.edgeladder.controller.variants.evaluate;

/**
 * A score of a classifier's top-1 predictions on a labelled set, in [0, 1], higher is better.
 * Implementations are stateless and may be called from any thread.
 */
public interface Metric {
  /** Name in the manifest's {@code metrics} map, e.g. {@code macroF1}. */
  String name();

  /**
   * @param labels true class per window
   * @param predicted predicted class per window, same length
   * @param classes number of classes; every label and prediction is in {@code [0, classes)}
   * @return the score in [0, 1]
   */
  double score(int[] labels, int[] predicted, int classes);

  /** Fraction of windows predicted correctly. */
  static Metric top1Accuracy() {
    return Metrics.TOP1;
  }

  /** Unweighted mean over classes of F1; a class with no labels and no predictions counts as 1. */
  static Metric macroF1() {
    return Metrics.MACRO_F1;
  }
}
