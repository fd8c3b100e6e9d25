package io.edgeladder.controller.variants.passes;

import io.edgeladder.controller.variants.onnx.DataType;

/**
 * Activation encoding for static INT8 quantization (weights are always per-channel symmetric int8).
 * ORT's x86 kernels (QLinearConv, QGemm) take uint8 activations with int8 weights (U8S8) natively; int8 activations
 * go through S8S8 paths. Which one is faster is measured, not assumed.
 */
public enum QuantizeActivations {
    /** uint8, zero point from the range (a calibrated range starting at 0 gives zero point 0: Relu folds in). */
    UINT8_ASYMMETRIC(DataType.UINT8, 0, 255),
    /** int8, zero point 0, range ±max|x|. */
    INT8_SYMMETRIC(DataType.INT8, -127, 127);

    private final DataType type;
    private final int qmin;
    private final int qmax;

    QuantizeActivations(DataType type, int qmin, int qmax) {
        this.type = type;
        this.qmin = qmin;
        this.qmax = qmax;
    }

    public DataType dataType() { return type; }

    int qmin() { return qmin; }

    int qmax() { return qmax; }
}
