package io.edgeladder.controller.variants.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ModelStatsTest {

    @ParameterizedTest
    @ValueSource(strings = {"vibration-cnn", "vibration-cnn-teacher"})
    void of_baseModels_macsEqualModelCard(String name) throws Exception {
        Path dir = TestModels.ROOT.resolve("models").resolve(name);
        JsonNode card = new ObjectMapper().readTree(dir.resolve("model-card.json").toFile());
        ModelStats stats = ModelStats.of(OnnxIo.read(dir.resolve("model.onnx")));

        assertThat(stats.macs()).isEqualTo(card.at("/metrics/macs").asLong());
        assertThat(stats.sizeBytes()).isEqualTo(card.at("/metrics/sizeBytes").asLong());
    }

    /**
     * The card counts PyTorch parameters before export: each BatchNorm channel has γ and β (2), and the exporter
     * folds BatchNorm into a new Conv bias (1 per channel). So ONNX params = card − Σ Conv output channels.
     */
    @ParameterizedTest
    @ValueSource(strings = {"vibration-cnn", "vibration-cnn-teacher"})
    void of_baseModels_parametersEqualCardMinusFoldedBatchNorm(String name) throws Exception {
        Path dir = TestModels.ROOT.resolve("models").resolve(name);
        JsonNode card = new ObjectMapper().readTree(dir.resolve("model-card.json").toFile());
        OnnxModel m = OnnxIo.read(dir.resolve("model.onnx"));
        long convChannels = m.graph().nodes().stream().filter(n -> n.opType().equals("Conv"))
                .mapToLong(n -> m.graph().initializer(n.input(1)).orElseThrow().dims()[0]).sum();

        ModelStats stats = ModelStats.of(m);

        assertThat(stats.parameters()).isEqualTo(card.at("/metrics/parameters").asLong() - convChannels);
    }

    @Test
    void of_vibrationCnn_exactFigures() {
        ModelStats stats = ModelStats.of(OnnxIo.read(TestModels.VIBRATION_CNN));

        assertThat(stats.parameters()).isEqualTo(11_397);
        assertThat(stats.macs()).isEqualTo(1_616_032);
        assertThat(stats.opHistogram()).containsEntry("Conv", 3).containsEntry("Gemm", 2).containsEntry("Relu", 4)
                .containsEntry("MaxPool", 3).hasSize(6);
        assertThat(stats.nodeCosts()).filteredOn(c -> c.opType().equals("Conv")).extracting(NodeCost::macs)
                .containsExactly(172_032L, 655_360L, 786_432L);
        assertThat(stats.shapeAssumptions()).isEmpty();
    }

    @Test
    void of_vibrationCnn_weightVerdictsSayWhy() {
        ModelStats stats = ModelStats.of(OnnxIo.read(TestModels.VIBRATION_CNN));
        List<WeightInfo> w = stats.weights();

        assertThat(w).hasSize(10);
        assertThat(w).filteredOn(i -> i.role().equals("weight")).hasSize(5)
                .allMatch(i -> i.quantize().applicable() && i.prune().applicable());
        assertThat(w).filteredOn(i -> i.role().equals("bias"))
                .allMatch(i -> !i.quantize().applicable() && i.quantize().reason().contains("biases stay fp32"));
        WeightInfo conv1 = w.stream().filter(i -> i.dims().equals(List.of(16L, 3L, 7L))).findFirst().orElseThrow();
        assertThat(conv1.channelPrune().applicable()).isTrue();
        assertThat(conv1.decompose().reason()).contains("only 1x1 convolutions");
        WeightInfo head = w.stream().filter(i -> i.name().equals("head.4.weight")).findFirst().orElseThrow();
        assertThat(head.channelPrune().reason()).contains("model output 'logits'");
        assertThat(head.decompose().applicable()).isTrue();
        assertThat(w.stream().filter(i -> i.name().equals("head.2.weight")).findFirst().orElseThrow()
                .channelPrune().applicable()).isTrue();
        assertThat(stats.applicableCount(WeightInfo::quantize)).isEqualTo(5);
    }

    @Test
    void of_ifModel_subgraphWeightsReportedAsNotCompressible() {
        OnnxModel m = OnnxModel.of(GraphTest.ifModel(), "if-model");

        ModelStats stats = ModelStats.of(m);

        assertThat(stats.subgraphWeights()).hasSize(2);
        assertThat(stats.weights()).filteredOn(i -> i.role().equals("subgraph")).hasSize(2)
                .allMatch(i -> i.quantize().reason().startsWith("inside If subgraph"));
        assertThat(stats.applicableCount(WeightInfo::quantize)).isZero();
    }

    @Test
    void infer_dynamicShapeFixture_measuresWithBatchOneAndSaysSo() {
        OnnxModel m = OnnxIo.read(TestModels.FIXTURES.resolve("dynamic-shape.onnx"));

        ShapeInfo shapes = ShapeInfo.infer(m);

        assertThat(shapes.assumptions()).singleElement().asString()
                .contains("input dim 2 ('length')").contains("measured with 1");
        assertThat(shapes.require("input")).containsExactly(1, 3, 1);
        String conv = m.graph().nodes().get(0).output(0);
        assertThat(shapes.elementType(conv)).contains(DataType.FLOAT);
    }

    @Test
    void infer_dynamicShapeWithGivenInputShape_measuresThatShape() {
        OnnxModel m = OnnxIo.read(TestModels.FIXTURES.resolve("dynamic-shape.onnx"));

        ShapeInfo shapes = ShapeInfo.infer(m, java.util.Map.of("input", new long[] {1, 3, 1024}));

        assertThat(shapes.assumptions()).isEmpty();
        String conv = m.graph().nodes().get(0).output(0);
        assertThat(shapes.require(conv)).containsExactly(shapes.require(conv)[0], 8, 1024);
    }

    @Test
    void infer_tinyConv_everyNodeOutputHasAShape() throws Exception {
        OnnxModel m = OnnxIo.read(TestModels.TINY_CONV);
        byte[] before = Files.readAllBytes(TestModels.TINY_CONV);

        ShapeInfo shapes = ShapeInfo.infer(m);

        for (Node n : m.graph().nodes()) {
            assertThat(shapes.shape(n.output(0))).as(n.name()).isPresent();
        }
        assertThat(shapes.require(m.graph().outputs().get(0).name())).containsExactly(1, 5);
        assertThat(m.toBytes()).isEqualTo(before); // the probe worked on a copy
    }
}
