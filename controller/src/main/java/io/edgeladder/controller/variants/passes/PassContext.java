package io.edgeladder.controller.variants.passes;

/**
 * Inputs a pass may need besides the model.
 *
 * @param calibrationInputs sample inputs for the model's single float input, each flattened in the input's layout
 *     (e.g. normalised windows {@code [1, channels, windowSize]}); empty when none are available. Passes that need
 *     calibration (static quantization) throw {@link PassException} when it is empty.
 * @param seed seed for any randomised choice a pass makes, so a build is reproducible
 */
public record PassContext(float[][] calibrationInputs, long seed) {

    public PassContext {
        if (calibrationInputs == null) {
            throw new IllegalArgumentException("pass context: calibrationInputs must not be null (use an empty array)");
        }
        for (int i = 0; i < calibrationInputs.length; i++) {
            if (calibrationInputs[i] == null || calibrationInputs[i].length == 0) {
                throw new IllegalArgumentException("pass context: calibration input " + i + " is empty");
            }
        }
    }

    /** No calibration data, seed 0. */
    public static PassContext none() {
        return new PassContext(new float[0][], 0);
    }

    public static PassContext ofCalibration(float[][] inputs) {
        return new PassContext(inputs, 0);
    }

    public boolean hasCalibration() {
        return calibrationInputs.length > 0;
    }
}
