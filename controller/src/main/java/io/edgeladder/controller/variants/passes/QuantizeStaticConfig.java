package io.edgeladder.controller.variants.passes;

import java.util.Set;

/**
 * Settings of {@link QuantizeStaticPass}.
 *
 * @param activations activation encoding (weights are always per-channel symmetric int8)
 * @param method how activation ranges are calibrated
 * @param percentile upper percentile for {@link CalibrationMethod#PERCENTILE} (lower is {@code 100 - p}), in (50, 100]
 * @param maxCalibrationWindows at most this many calibration inputs are used (> 0)
 * @param excludedNodes node names left in fp32
 * @param excludedOpTypes op types left in fp32
 * @param maxLayerError a weighted layer whose quantization alone moves the model output by more than this relative
 *     L2 error on the calibration set stays fp32; {@code Double.POSITIVE_INFINITY} turns automatic exclusion off
 * @param quantizeBias biases as int32 (scale = input scale × weight scale) instead of fp32
 */
public record QuantizeStaticConfig(QuantizeActivations activations, CalibrationMethod method, double percentile,
        int maxCalibrationWindows, Set<String> excludedNodes, Set<String> excludedOpTypes, double maxLayerError,
        boolean quantizeBias) {

    public QuantizeStaticConfig {
        if (activations == null || method == null) {
            throw new IllegalArgumentException("int8-static: activations and method must not be null");
        }
        if (!(percentile > 50 && percentile <= 100)) {
            throw new IllegalArgumentException("int8-static: percentile must be in (50, 100] but was " + percentile);
        }
        if (maxCalibrationWindows <= 0) {
            throw new IllegalArgumentException("int8-static: maxCalibrationWindows must be > 0 but was "
                    + maxCalibrationWindows);
        }
        if (!(maxLayerError > 0)) {
            throw new IllegalArgumentException("int8-static: maxLayerError must be > 0 but was " + maxLayerError);
        }
        excludedNodes = Set.copyOf(excludedNodes);
        excludedOpTypes = Set.copyOf(excludedOpTypes);
    }

    /** uint8 asymmetric activations, 99.99th-percentile calibration on up to 128 windows, int32 biases, 5 % layer-error limit. */
    public static QuantizeStaticConfig ofDefaults() {
        return new QuantizeStaticConfig(QuantizeActivations.UINT8_ASYMMETRIC, CalibrationMethod.PERCENTILE, 99.99, 128,
                Set.of(), Set.of(), 0.05, true);
    }

    public QuantizeStaticConfig withActivations(QuantizeActivations value) {
        return new QuantizeStaticConfig(value, method, percentile, maxCalibrationWindows, excludedNodes,
                excludedOpTypes, maxLayerError, quantizeBias);
    }

    public QuantizeStaticConfig withCalibration(CalibrationMethod value, double pct) {
        return new QuantizeStaticConfig(activations, value, pct, maxCalibrationWindows, excludedNodes,
                excludedOpTypes, maxLayerError, quantizeBias);
    }

    public QuantizeStaticConfig withMaxCalibrationWindows(int value) {
        return new QuantizeStaticConfig(activations, method, percentile, value, excludedNodes, excludedOpTypes,
                maxLayerError, quantizeBias);
    }

    public QuantizeStaticConfig withExcluded(Set<String> nodes, Set<String> opTypes) {
        return new QuantizeStaticConfig(activations, method, percentile, maxCalibrationWindows, nodes, opTypes,
                maxLayerError, quantizeBias);
    }

    public QuantizeStaticConfig withMaxLayerError(double value) {
        return new QuantizeStaticConfig(activations, method, percentile, maxCalibrationWindows, excludedNodes,
                excludedOpTypes, value, quantizeBias);
    }

    public QuantizeStaticConfig withQuantizeBias(boolean value) {
        return new QuantizeStaticConfig(activations, method, percentile, maxCalibrationWindows, excludedNodes,
                excludedOpTypes, maxLayerError, value);
    }
}
