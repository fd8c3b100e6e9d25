package io.edgeladder.controller.variants.passes;

/** Output-difference measures between a quantized model and its fp32 reference over calibration windows. */
final class QuantizeError {

    private QuantizeError() {
    }

    /** ‖y − ref‖₂ / ‖ref‖₂ over all windows together (0 when identical; the reference norm is floored at 1e-12). */
    static double relativeL2(float[][] ref, float[][] y) {
        double num = 0;
        double den = 0;
        for (int w = 0; w < ref.length; w++) {
            for (int i = 0; i < ref[w].length; i++) {
                double d = (double) y[w][i] - ref[w][i];
                num += d * d;
                den += (double) ref[w][i] * ref[w][i];
            }
        }
        return Math.sqrt(num) / Math.max(Math.sqrt(den), 1e-12);
    }

    /** Share of windows whose arg-max agrees. */
    static double top1Agreement(float[][] ref, float[][] y) {
        int same = 0;
        for (int w = 0; w < ref.length; w++) {
            if (argMax(ref[w]) == argMax(y[w])) {
                same++;
            }
        }
        return ref.length == 0 ? 1 : (double) same / ref.length;
    }

    static double maxAbsDiff(float[][] ref, float[][] y) {
        double max = 0;
        for (int w = 0; w < ref.length; w++) {
            for (int i = 0; i < ref[w].length; i++) {
                max = Math.max(max, Math.abs((double) y[w][i] - ref[w][i]));
            }
        }
        return max;
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
