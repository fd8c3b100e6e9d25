package io.edgeladder.controller.variants.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OnnxIoTest {

    static Stream<Path> committedModels() throws Exception {
        try (Stream<Path> fixtures = Files.list(TestModels.FIXTURES)) {
            return Stream.concat(Stream.of(TestModels.VIBRATION_CNN, TestModels.TEACHER),
                    fixtures.filter(p -> p.toString().endsWith(".onnx"))
                            .filter(p -> !p.getFileName().toString().matches("(truncated|not-onnx)\\.onnx"))
                            .sorted().toList().stream());
        }
    }

    @ParameterizedTest
    @MethodSource("committedModels")
    void readWrite_untouchedModel_isByteIdentical(Path model, @TempDir Path dir) throws Exception {
        OnnxModel m = OnnxIo.read(model);
        Path out = dir.resolve("copy.onnx");
        OnnxIo.write(m, out);

        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(model));
        assertThat(dir.toFile().list()).containsExactly("copy.onnx"); // no temp file left behind
    }

    @ParameterizedTest
    @MethodSource("committedModels")
    void readWrite_afterSortAndEditsUndone_isByteIdentical(Path model) throws Exception {
        OnnxModel m = OnnxIo.read(model);
        Graph g = m.graph();
        g.topologicalSort();
        Node first = g.nodes().get(0);
        String in = first.input(0);
        first.replaceInput(in, "renamed");
        first.replaceInput("renamed", in);

        assertThat(m.toBytes()).isEqualTo(Files.readAllBytes(model));
    }

    @Test
    void rebuild_everyTensorAndNodeFresh_givesIdenticalOutputs() throws Exception {
        byte[] original = Files.readAllBytes(TestModels.VIBRATION_CNN);
        OnnxModel m = OnnxIo.read(original);
        Graph g = m.graph();
        // Force every tensor through the decode → raw_data encode path.
        for (Tensor t : g.initializers().values().stream().toList()) {
            g.putInitializer(Tensor.ofFloats(t.name(), t.dims(), t.floats()));
        }
        byte[] rebuilt = m.toBytes();
        ModelCheck.loadsInOrt(rebuilt, "rebuilt");
        float[] x = TestModels.randomInput(3 * 1024, 42);
        long[] shape = {1, 3, 1024};

        assertThat(TestModels.run(rebuilt, "input", shape, x))
                .containsExactly(TestModels.run(original, "input", shape, x));
    }

    @Test
    void read_truncatedFile_namesFileAndCause() {
        Path p = TestModels.FIXTURES.resolve("truncated.onnx");
        assertThatThrownBy(() -> OnnxIo.read(p))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("truncated.onnx")
                .hasMessageContaining("not a valid ONNX model");
    }

    @Test
    void read_notOnnx_namesFile() {
        Path p = TestModels.FIXTURES.resolve("not-onnx.onnx");
        assertThatThrownBy(() -> OnnxIo.read(p))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("not-onnx.onnx");
    }

    @Test
    void read_missingFile_saysItDoesNotExist(@TempDir Path dir) {
        assertThatThrownBy(() -> OnnxIo.read(dir.resolve("nope.onnx")))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("nope.onnx does not exist");
    }

    @Test
    void read_emptyBytes_isRejected() {
        assertThatThrownBy(() -> OnnxIo.read(new byte[0]))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void read_dynamicShapeFixture_reportsDynamicInput() {
        OnnxModel m = OnnxIo.read(TestModels.FIXTURES.resolve("dynamic-shape.onnx"));

        assertThat(m.hasDynamicShapes()).isTrue();
        assertThat(m.dynamicValues()).anyMatch(s -> s.startsWith("input:"));
        assertThat(OnnxIo.read(TestModels.TINY_CONV).hasDynamicShapes()).isFalse();
    }

    @Test
    void read_vibrationCnn_exposesGraph() {
        OnnxModel m = OnnxIo.read(TestModels.VIBRATION_CNN);
        Graph g = m.graph();

        assertThat(m.opsetVersion("")).contains(17L);
        assertThat(g.nodes()).extracting(Node::opType).containsExactly("Conv", "Relu", "MaxPool", "Conv", "Relu",
                "MaxPool", "Conv", "Relu", "MaxPool", "GlobalAveragePool", "Flatten", "Gemm", "Relu", "Gemm");
        assertThat(g.inputs()).extracting(ValueInfo::name).containsExactly("input");
        assertThat(g.outputs().get(0).shape()).containsExactly(1, 5);
        assertThat(g.initializers()).hasSize(10);
        Node conv = g.nodes().get(0);
        assertThat(g.initializer(conv.input(1)).orElseThrow().dims()).containsExactly(16, 3, 7);
        assertThat(conv.getInts("strides", null)).containsExactly(2);
        assertThat(g.consumersOf(conv.output(0))).extracting(Node::opType).containsExactly("Relu");
        assertThat(g.producerOf(conv.output(0))).containsSame(conv);
        assertThat(g.producerOf("input")).isEmpty();
    }
}
