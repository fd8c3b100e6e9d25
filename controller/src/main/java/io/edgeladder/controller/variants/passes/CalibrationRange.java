package io.edgeladder.controller.variants.passes;

/**
 * The calibrated float range of one activation, always containing 0 (so zero is exactly representable).
 *
 * @param min lower bound, {@code <= 0}
 * @param max upper bound, {@code >= 0}
 */
public record CalibrationRange(float min, float max) {

    public CalibrationRange {
        if (!(min <= 0) || !(max >= 0) || !Float.isFinite(min) || !Float.isFinite(max)) {
            throw new IllegalArgumentException("calibration range must be finite with min <= 0 <= max but was ["
                    + min + ", " + max + "]");
        }
    }

    /** The range widened to contain 0. */
    public static CalibrationRange around(float lo, float hi) {
        return new CalibrationRange(Math.min(lo, 0f), Math.max(hi, 0f));
    }
}
