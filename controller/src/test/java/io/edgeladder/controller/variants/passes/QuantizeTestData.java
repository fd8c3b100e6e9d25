package io.edgeladder.controller.variants.passes;

import io.edgeladder.controller.variants.evaluate.ValidationSet;
import io.edgeladder.controller.variants.onnx.OnnxIo;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import io.edgeladder.protocol.ModelCard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The committed base model and its normalised validation set, loaded once for the quantization/fp16 tests. */
final class QuantizeTestData {

    static final Path ROOT = locateRoot();
    static final Path MODEL = ROOT.resolve("models/vibration-cnn/model.onnx");
    static final Path TINY_CONV = ROOT.resolve("models/fixtures/tiny-conv.onnx");
    private static ValidationSet validation;

    private QuantizeTestData() {
    }

    static OnnxModel model() {
        return OnnxIo.read(MODEL);
    }

    static synchronized ValidationSet validation() {
        if (validation == null) {
            try {
                ModelCard card = ModelCard.load(ROOT.resolve("models/vibration-cnn/model-card.json"));
                validation = ValidationSet.load(ROOT.resolve("models/data/validation"), card);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return validation;
    }

    /** All validation windows, normalised, in file order. */
    static float[][] allWindows() {
        ValidationSet v = validation();
        float[][] out = new float[v.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.window(i);
        }
        return out;
    }

    static PassContext calibration(int n) {
        return PassContext.ofCalibration(validation().calibrationInputs(n, 7));
    }

    private static Path locateRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("models/vibration-cnn"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("tests: cannot find models/ above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
