package io.edgeladder.protocol.ladder;

/**
 * How closely a variant follows the fp32 reference on the validation set (same windows, same order).
 *
 * @param top1 fraction of windows whose top-1 class equals the reference's, in [0, 1]
 * @param maxAbsDiffSoftmax largest absolute difference of any softmax probability
 * @param meanAbsDiffSoftmax mean absolute difference over all windows and classes of softmax outputs
 * @param maxAbsDiffRaw largest absolute difference of any raw output (logit)
 * @param meanAbsDiffRaw mean absolute difference of raw outputs
 */
public record Agreement(
    double top1,
    double maxAbsDiffSoftmax,
    double meanAbsDiffSoftmax,
    double maxAbsDiffRaw,
    double meanAbsDiffRaw) {

  public Agreement {
    Checks.fraction("agreement.top1", top1);
    Checks.nonNegative("agreement.maxAbsDiffSoftmax", maxAbsDiffSoftmax);
    Checks.nonNegative("agreement.meanAbsDiffSoftmax", meanAbsDiffSoftmax);
    Checks.nonNegative("agreement.maxAbsDiffRaw", maxAbsDiffRaw);
    Checks.nonNegative("agreement.meanAbsDiffRaw", meanAbsDiffRaw);
  }
}
