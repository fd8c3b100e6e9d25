package io.edgeladder.controller.variants.passes;

import io.edgeladder.controller.variants.onnx.Tensor;

/** Keeps a subset of indices along one axis of a FLOAT tensor; the arithmetic behind channel pruning. */
final class ChannelPruneSlicer {

    private ChannelPruneSlicer() {
    }

    /**
     * Keeps, along {@code axis}, the positions {@code c * block .. c * block + block - 1} for each kept channel
     * {@code c} (ascending). {@code block > 1} is a Flatten that laid {@code block} spatial values per channel.
     *
     * @throws IllegalArgumentException if the axis length is not {@code channels × block}
     */
    static Tensor keep(Tensor t, int axis, int block, int[] keptChannels, int channels) {
        long[] dims = t.dims();
        if (axis >= dims.length || dims[axis] != (long) channels * block) {
            throw new IllegalArgumentException("channel-prune: tensor '" + t.name() + "' " + java.util.Arrays
                    .toString(dims) + " axis " + axis + " should hold " + channels + " channels x " + block);
        }
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= (int) dims[i];
        }
        int inner = 1;
        for (int i = axis + 1; i < dims.length; i++) {
            inner *= (int) dims[i];
        }
        int len = (int) dims[axis];
        int keptLen = keptChannels.length * block;
        float[] src = t.floats();
        float[] dst = new float[outer * keptLen * inner];
        int d = 0;
        for (int o = 0; o < outer; o++) {
            for (int c : keptChannels) {
                int from = (o * len + c * block) * inner;
                System.arraycopy(src, from, dst, d, block * inner);
                d += block * inner;
            }
        }
        dims[axis] = keptLen;
        return Tensor.ofFloats(t.name(), dims, dst);
    }

    /** L1 or L2 norm of each slice along axis {@code axis} (the importance of each output channel). */
    static double[] norms(Tensor t, int axis, boolean l2) {
        long[] dims = t.dims();
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= (int) dims[i];
        }
        int inner = 1;
        for (int i = axis + 1; i < dims.length; i++) {
            inner *= (int) dims[i];
        }
        int len = (int) dims[axis];
        float[] w = t.floats();
        double[] out = new double[len];
        for (int o = 0; o < outer; o++) {
            for (int c = 0; c < len; c++) {
                int base = (o * len + c) * inner;
                for (int i = 0; i < inner; i++) {
                    double v = w[base + i];
                    out[c] += l2 ? v * v : Math.abs(v);
                }
            }
        }
        if (l2) {
            for (int c = 0; c < len; c++) {
                out[c] = Math.sqrt(out[c]);
            }
        }
        return out;
    }
}
