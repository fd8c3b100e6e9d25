package io.edgeladder.controller.variants.passes;

import io.edgeladder.controller.variants.onnx.OnnxModel;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calibrates activation ranges: runs the fp32 model with the requested activations as extra outputs over the
 * calibration windows and reduces each activation's values to a {@link CalibrationRange}. Percentiles are exact
 * over the kept values; an activation keeps at most {@link #MAX_KEPT} values (evenly strided beyond that).
 * Stateless and thread-safe.
 */
final class Calibrator {

    static final int MAX_KEPT = 4_000_000;

    private Calibrator() {
    }

    /**
     * @param values the activations to calibrate (graph input or node outputs)
     * @param percentile for {@link CalibrationMethod#PERCENTILE}, e.g. 99.99 (upper) — the lower bound is 100 - p
     * @throws PassException when the model does not run or there are no calibration inputs
     */
    static Map<String, CalibrationRange> calibrate(String pass, OnnxModel model, float[][] inputs,
            List<String> values, CalibrationMethod method, double percentile) throws PassException {
        if (inputs.length == 0) {
            throw new PassException(pass + ": calibration needs at least one input window but got none");
        }
        if (!(percentile > 50 && percentile <= 100)) {
            throw new IllegalArgumentException(pass + ": percentile must be in (50, 100] but was " + percentile);
        }
        Map<String, float[]> minMax = new HashMap<>();
        Map<String, float[]> kept = new HashMap<>();
        Map<String, Integer> fill = new HashMap<>();
        CalibrationRunner.run(pass, model, inputs, values, (w, observed) -> {
            for (String v : values) {
                float[] x = observed.get(v);
                float[] mm = minMax.computeIfAbsent(v, k -> new float[] {Float.POSITIVE_INFINITY,
                        Float.NEGATIVE_INFINITY});
                for (float f : x) {
                    mm[0] = Math.min(mm[0], f);
                    mm[1] = Math.max(mm[1], f);
                }
                if (method == CalibrationMethod.PERCENTILE) {
                    int capacity = (int) Math.min(MAX_KEPT, (long) x.length * inputs.length);
                    float[] buf = kept.computeIfAbsent(v, k -> new float[capacity]);
                    int stride = Math.max(1, (int) (((long) x.length * inputs.length + capacity - 1) / capacity));
                    int at = fill.getOrDefault(v, 0);
                    for (int i = 0; i < x.length && at < buf.length; i += stride) {
                        buf[at++] = x[i];
                    }
                    fill.put(v, at);
                }
            }
        });
        Map<String, CalibrationRange> out = new LinkedHashMap<>();
        for (String v : values) {
            float[] mm = minMax.get(v);
            if (mm == null || !Float.isFinite(mm[0]) || !Float.isFinite(mm[1])) {
                throw new PassException(pass + ": activation '" + v + "' has no finite calibration values");
            }
            if (method == CalibrationMethod.MIN_MAX) {
                out.put(v, CalibrationRange.around(mm[0], mm[1]));
            } else {
                float[] sorted = Arrays.copyOf(kept.get(v), fill.get(v));
                Arrays.sort(sorted);
                out.put(v, CalibrationRange.around(quantile(sorted, (100 - percentile) / 100),
                        quantile(sorted, percentile / 100)));
            }
        }
        return out;
    }

    /** Linear-interpolated quantile {@code q} in [0, 1] of sorted values. */
    static float quantile(float[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        double frac = pos - lo;
        return (float) (sorted[lo] + (sorted[hi] - sorted[lo]) * frac);
    }
}
