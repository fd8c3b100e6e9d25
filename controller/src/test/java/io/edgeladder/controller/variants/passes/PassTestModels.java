package io.edgeladder.controller.variants.passes;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.edgeladder.controller.variants.onnx.Attribute;
import io.edgeladder.controller.variants.onnx.DataType;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import io.edgeladder.controller.variants.onnx.Tensor;
import io.edgeladder.controller.variants.onnx.ValueInfo;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Committed model paths, a one-shot ORT runner, and a small builder for synthetic graphs. */
final class PassTestModels {

    static final Path ROOT = locateRoot();
    static final Path VIBRATION_CNN = ROOT.resolve("models/vibration-cnn/model.onnx");
    static final Path TEACHER = ROOT.resolve("models/vibration-cnn-teacher/model.onnx");
    static final long[] INPUT_SHAPE = {1, 3, 1024};

    private PassTestModels() {
    }

    static float[] randomInput(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    static float[] randomWeights(SplittableRandom r, int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * scale);
        }
        return x;
    }

    /** Runs a model on its single float input named {@code "input"} and returns the first output flattened. */
    static float[] run(OnnxModel model, long[] shape, float[] data) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(1);
            try (OrtSession s = env.createSession(model.toBytes(), o);
                    OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
                    OrtSession.Result res = s.run(Map.of(s.getInputNames().iterator().next(), t))) {
                FloatBuffer fb = ((OnnxTensor) res.get(0)).getFloatBuffer();
                float[] y = new float[fb.remaining()];
                fb.get(y);
                return y;
            }
        }
    }

    static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /** Builds graphs node by node; initializers are random or given. */
    static final class Builder {
        private final GraphProto.Builder g = GraphProto.newBuilder().setName("synthetic");
        private int counter;

        Builder input(String name, long... shape) {
            g.addInput(ValueInfo.of(name, DataType.FLOAT, shape).toProto());
            return this;
        }

        String init(String prefix, long[] dims, float[] values) {
            String name = prefix + "_" + (counter++);
            g.addInitializer(Tensor.ofFloats(name, dims, values).toProto());
            return name;
        }

        String node(String op, List<String> inputs, Attribute... attrs) {
            String out = op.toLowerCase() + "_" + (counter++);
            NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName("n_" + out).addAllInput(inputs)
                    .addOutput(out);
            for (Attribute a : attrs) {
                n.addAttribute(a.toProto());
            }
            g.addNode(n);
            return out;
        }

        void clearOutputs() {
            g.clearOutput();
        }

        OnnxModel build(String output) {
            g.addOutput(ValueInfo.untyped(output).toProto());
            ModelProto m = ModelProto.newBuilder().setIrVersion(8).setProducerName("pass-tests")
                    .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                    .setGraph(g).build();
            return OnnxModel.of(m, "synthetic");
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
