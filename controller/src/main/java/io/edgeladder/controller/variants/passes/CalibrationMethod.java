package io.edgeladder.controller.variants.passes;

/** How an activation's quantization range is chosen from its calibration values. */
public enum CalibrationMethod {
    /** The observed minimum and maximum: no value clips, outliers widen the step. */
    MIN_MAX,
    /** The given lower and upper percentiles of all observed values: rare outliers clip, the step narrows. */
    PERCENTILE
}
