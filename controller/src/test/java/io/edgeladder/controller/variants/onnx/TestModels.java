package io.edgeladder.controller.variants.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/** Paths of the committed models and a one-shot ORT runner for output comparisons. */
final class TestModels {

    static final Path ROOT = locateRoot();
    static final Path VIBRATION_CNN = ROOT.resolve("models/vibration-cnn/model.onnx");
    static final Path TEACHER = ROOT.resolve("models/vibration-cnn-teacher/model.onnx");
    static final Path FIXTURES = ROOT.resolve("models/fixtures");
    static final Path TINY_CONV = FIXTURES.resolve("tiny-conv.onnx");

    private TestModels() {
    }

    /** Deterministic pseudo-random input of {@code n} floats (seeded). */
    static float[] randomInput(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    /** Runs a single-float-input model and returns its first output flattened. */
    static float[] run(byte[] model, String input, long[] shape, float[] data) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(1);
            try (OrtSession s = env.createSession(model, o);
                    OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
                    OrtSession.Result r = s.run(Map.of(input, t))) {
                OnnxTensor out = (OnnxTensor) r.get(0);
                FloatBuffer fb = out.getFloatBuffer();
                float[] y = new float[fb.remaining()];
                fb.get(y);
                return y;
            }
        }
    }

    private static Path locateRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("models/vibration-cnn"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("tests: cannot find models/vibration-cnn above " + Path.of("")
                    .toAbsolutePath());
        }
        return p;
    }
}
