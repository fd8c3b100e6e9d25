package io.edgeladder.controller.variants.passes;

import java.util.Arrays;

/**
 * Inputs a pass may need besides the model.
 *
 * @param calibrationWindows model inputs (normalised, flattened in the model's input layout) for passes that
 *     calibrate (static quantization); may be empty for passes that do not
 * @param inputShape the shape of one model input, e.g. {@code [1, 3, 1024]}; empty when unknown
 */
public record PassContext(float[][] calibrationWindows, long[] inputShape) {

    public PassContext {
        if (calibrationWindows == null || inputShape == null) {
            throw new IllegalArgumentException("pass context: calibrationWindows and inputShape must not be null");
        }
        long elements = 1;
        for (long d : inputShape) {
            if (d <= 0) {
                throw new IllegalArgumentException("pass context: inputShape dims must be > 0 but were "
                        + Arrays.toString(inputShape));
            }
            elements *= d;
        }
        for (int i = 0; i < calibrationWindows.length; i++) {
            if (calibrationWindows[i] == null || (inputShape.length > 0 && calibrationWindows[i].length != elements)) {
                throw new IllegalArgumentException("pass context: calibration window " + i + " must hold " + elements
                        + " floats for shape " + Arrays.toString(inputShape) + " but held "
                        + (calibrationWindows[i] == null ? "null" : calibrationWindows[i].length));
            }
        }
        calibrationWindows = calibrationWindows.clone();
        inputShape = inputShape.clone();
    }

    /** A context without calibration data, for passes that need none. */
    public static PassContext empty() {
        return new PassContext(new float[0][], new long[0]);
    }

    /** Calibration windows for one input of {@code inputShape}. */
    public static PassContext of(float[][] calibrationWindows, long... inputShape) {
        return new PassContext(calibrationWindows, inputShape);
    }

    public boolean hasCalibration() {
        return calibrationWindows.length > 0;
    }

    @Override
    public float[][] calibrationWindows() {
        return calibrationWindows.clone();
    }

    @Override
    public long[] inputShape() {
        return inputShape.clone();
    }
}
