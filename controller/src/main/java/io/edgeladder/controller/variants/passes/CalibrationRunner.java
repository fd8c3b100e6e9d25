package io.edgeladder.controller.variants.passes;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.edgeladder.controller.variants.onnx.DataType;
import io.edgeladder.controller.variants.onnx.Graph;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import io.edgeladder.controller.variants.onnx.ValueInfo;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a single-float-input model in ONNX Runtime (CPU, one thread) over calibration inputs, with chosen inner
 * values declared as extra graph outputs so their values can be observed. The ORT adapter of the passes package:
 * nothing else here touches {@code ai.onnxruntime}. Cold path, not thread-confined (each call owns its session).
 */
final class CalibrationRunner {

    /** Receives one window's values: value name → flattened floats (valid only during the call). */
    interface Sink {
        void accept(int window, Map<String, float[]> values);
    }

    private CalibrationRunner() {
    }

    /** The single float graph input of {@code model}, with a static shape. */
    static ValueInfo floatInput(String pass, OnnxModel model) throws PassException {
        Graph g = model.graph();
        List<ValueInfo> real = g.inputs().stream().filter(v -> !g.isInitializer(v.name())).toList();
        if (real.size() != 1 || real.get(0).elementType() != DataType.FLOAT || real.get(0).isDynamic()) {
            throw new PassException(pass + ": needs one float32 input of static shape but " + model.origin()
                    + " has " + real);
        }
        return real.get(0);
    }

    /**
     * Runs every input and hands the values of {@code observe} (node outputs or graph outputs) to {@code sink}.
     *
     * @throws PassException when ORT cannot load or run the model, or an input has the wrong length
     */
    static void run(String pass, OnnxModel model, float[][] inputs, List<String> observe, Sink sink)
            throws PassException {
        ValueInfo in = floatInput(pass, model);
        long[] shape = in.shape();
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        OnnxModel probe = model.copy();
        Graph g = probe.graph();
        Set<String> declared = new HashSet<>();
        g.outputs().forEach(v -> declared.add(v.name()));
        for (String v : observe) {
            if (declared.add(v)) {
                g.outputs().add(ValueInfo.untyped(v));
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            opts.setInterOpNumThreads(1);
            try (OrtSession session = env.createSession(probe.toBytes(), opts)) {
                Set<String> wanted = new HashSet<>(observe);
                for (int w = 0; w < inputs.length; w++) {
                    if (inputs[w].length != n) {
                        throw new PassException(pass + ": calibration input " + w + " must hold " + n
                                + " floats for " + in + " but held " + inputs[w].length);
                    }
                    try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(inputs[w]), shape);
                            OrtSession.Result r = session.run(Map.of(in.name(), t), wanted)) {
                        Map<String, float[]> values = new LinkedHashMap<>();
                        for (Map.Entry<String, OnnxValue> e : r) {
                            values.put(e.getKey(), floats((OnnxTensor) e.getValue()));
                        }
                        sink.accept(w, values);
                    }
                }
            }
        } catch (OrtException e) {
            throw new PassException(pass + ": onnxruntime could not run " + model.origin() + " for calibration: "
                    + e.getMessage(), e);
        }
    }

    /** The first graph output for every input, as float arrays (non-float outputs are refused). */
    static float[][] outputs(String pass, OnnxModel model, float[][] inputs) throws PassException {
        String out = model.graph().outputs().get(0).name();
        float[][] result = new float[inputs.length][];
        run(pass, model, inputs, List.of(out), (w, values) -> result[w] = values.get(out));
        return result;
    }

    /**
     * The graph ONNX Runtime actually runs (all optimisations, one thread): its kernel choices, fusions and the
     * casts it inserts where a kernel lacks a type, read back as a model.
     */
    static OnnxModel optimized(String pass, OnnxModel model) throws PassException {
        java.nio.file.Path tmp = null;
        try {
            tmp = java.nio.file.Files.createTempFile("edgeladder-ort-optimized", ".onnx");
            try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
                opts.setIntraOpNumThreads(1);
                opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                opts.setOptimizedModelFilePath(tmp.toString());
                OrtEnvironment.getEnvironment().createSession(model.toBytes(), opts).close();
            }
            return io.edgeladder.controller.variants.onnx.OnnxIo.read(tmp);
        } catch (OrtException | java.io.IOException e) {
            throw new PassException(pass + ": cannot read onnxruntime's optimised graph of " + model.origin() + ": "
                    + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                tmp.toFile().delete();
            }
        }
    }

    private static float[] floats(OnnxTensor t) {
        FloatBuffer fb = t.getFloatBuffer();
        if (fb == null) {
            throw new IllegalStateException("calibration: value is " + t.getInfo() + ", not float");
        }
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }
}
