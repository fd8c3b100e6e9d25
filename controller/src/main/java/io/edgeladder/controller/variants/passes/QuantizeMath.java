package io.edgeladder.controller.variants.passes;

/** Scale/zero-point arithmetic for INT8 quantization (round half to even, as ONNX QuantizeLinear does). */
final class QuantizeMath {

    /** Per-tensor activation parameters. */
    record Params(float scale, int zeroPoint) {
    }

    /**
     * Per-channel symmetric int8 weights.
     *
     * @param values int8 values in the original layout
     * @param scales one scale per channel along the axis
     */
    record Weights(byte[] values, float[] scales) {
    }

    private QuantizeMath() {
    }

    static Params activation(CalibrationRange r, QuantizeActivations type) {
        if (type == QuantizeActivations.INT8_SYMMETRIC) {
            float a = Math.max(-r.min(), r.max());
            return new Params(a > 0 ? a / 127f : 1f, 0);
        }
        float span = r.max() - r.min();
        if (!(span > 0)) {
            return new Params(1f, 0);
        }
        float scale = span / 255f;
        int zp = (int) Math.rint(-r.min() / scale);
        return new Params(scale, Math.max(0, Math.min(255, zp)));
    }

    /**
     * Quantizes {@code w} of shape {@code dims} per channel along {@code axis}, symmetric to ±127 (zero point 0).
     * A channel of zeros gets scale 1 so the dequantized values stay exact zeros.
     */
    static Weights perChannel(float[] w, long[] dims, int axis) {
        int channels = (int) dims[axis];
        int inner = 1;
        for (int i = axis + 1; i < dims.length; i++) {
            inner *= (int) dims[i];
        }
        float[] maxAbs = new float[channels];
        for (int i = 0; i < w.length; i++) {
            int c = (i / inner) % channels;
            maxAbs[c] = Math.max(maxAbs[c], Math.abs(w[i]));
        }
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = maxAbs[c] > 0 ? maxAbs[c] / 127f : 1f;
        }
        byte[] q = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            q[i] = (byte) clamp(Math.rint(w[i] / scales[(i / inner) % channels]), -127, 127);
        }
        return new Weights(q, scales);
    }

    /** Bias as int32 with scale {@code inputScale × weightScale[c]} and zero point 0. */
    static int[] bias(float[] b, float inputScale, float[] weightScales) {
        int[] q = new int[b.length];
        for (int c = 0; c < b.length; c++) {
            double s = (double) inputScale * weightScales[c];
            q[c] = (int) clamp(Math.rint(b[c] / s), Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        return q;
    }

    static float[] biasScales(float inputScale, float[] weightScales) {
        float[] s = new float[weightScales.length];
        for (int c = 0; c < s.length; c++) {
            s[c] = inputScale * weightScales[c];
        }
        return s;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
