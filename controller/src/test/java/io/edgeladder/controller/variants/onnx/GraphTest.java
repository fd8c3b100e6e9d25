package io.edgeladder.controller.variants.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GraphTest {

    @Test
    void topologicalSort_shuffledNodes_restoresValidOrderAndOutputs() throws Exception {
        byte[] original = Files.readAllBytes(TestModels.VIBRATION_CNN);
        OnnxModel m = OnnxIo.read(original);
        Graph g = m.graph();
        List<Node> shuffled = new ArrayList<>(g.nodes());
        Collections.shuffle(shuffled, new Random(7));
        shuffled.forEach(g::removeNode);
        shuffled.forEach(g::addNode);
        assertThat(g.nodes()).isNotEqualTo(OnnxIo.read(original).graph().nodes()); // really shuffled

        g.topologicalSort();

        assertThat(g.nodes()).extracting(Node::opType).containsExactly("Conv", "Relu", "MaxPool", "Conv", "Relu",
                "MaxPool", "Conv", "Relu", "MaxPool", "GlobalAveragePool", "Flatten", "Gemm", "Relu", "Gemm");
        assertThat(m.toBytes()).isEqualTo(original); // single chain: the only valid order is the original one
    }

    @Test
    void topologicalSort_cycle_namesNodes() {
        Graph g = OnnxIo.read(TestModels.TINY_CONV).graph();
        Node a = g.addNode(Node.of("a", "Relu", List.of("b_out"), List.of("a_out")));
        g.addNode(Node.of("b", "Relu", List.of("a_out"), List.of("b_out")));

        assertThatThrownBy(g::topologicalSort).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cycle").hasMessageContaining("a").hasMessageContaining("b");
        assertThat(a.inputs()).containsExactly("b_out");
    }

    @Test
    void topologicalSort_unknownInput_namesValue() {
        Graph g = OnnxIo.read(TestModels.TINY_CONV).graph();
        g.addNode(Node.of("dangling", "Relu", List.of("ghost"), List.of("y")));

        assertThatThrownBy(g::topologicalSort).hasMessageContaining("'dangling'").hasMessageContaining("'ghost'");
    }

    @Test
    void replaceInput_rewiresConsumersAndGraphOutputs() {
        Graph g = OnnxIo.read(TestModels.TINY_CONV).graph();
        String logits = g.outputs().get(0).name();
        Node gemm = g.producerOf(logits).orElseThrow();
        String flat = gemm.input(0);

        assertThat(g.replaceInput(flat, "flat2")).isEqualTo(1);
        assertThat(gemm.input(0)).isEqualTo("flat2");
        assertThat(g.replaceInput(logits, "logits2")).isEqualTo(1);
        assertThat(g.outputs().get(0).name()).isEqualTo("logits2");
    }

    @Test
    void uniqueName_takenNamesAndEarlierCalls_areSkipped() {
        Graph g = OnnxIo.read(TestModels.TINY_CONV).graph();

        assertThat(g.uniqueName("fresh")).isEqualTo("fresh");
        assertThat(g.uniqueName("fresh")).isEqualTo("fresh_1");
        assertThat(g.uniqueName("conv_w")).isEqualTo("conv_w_1");
        assertThat(g.uniqueName("input")).isEqualTo("input_1");
    }

    @Test
    void foldConstants_constantNodes_becomeInitializersWithSameOutputs() throws Exception {
        OnnxModel m = OnnxIo.read(TestModels.TINY_CONV);
        Graph g = m.graph();
        byte[] before = m.toBytes();
        // Move the Gemm bias into a Constant node, and add a Constant-fed Mul by 1 on the logits.
        Node gemm = g.nodes().stream().filter(n -> n.opType().equals("Gemm")).findFirst().orElseThrow();
        Tensor bias = g.initializers().remove(gemm.input(2));
        g.addNode(0, Node.of("bias_const", "Constant", List.of(), List.of(bias.name()))
                .setAttribute(Attribute.ofTensor("value", bias)));
        String logits = g.outputs().get(0).name();
        gemm.outputs().set(0, "pre");
        g.addNode(Node.of("one", "Constant", List.of(), List.of("one_v"))
                .setAttribute(Attribute.ofFloat("value_float", 1f)));
        g.addNode(Node.of("scale", "Mul", List.of("pre", "one_v"), List.of(logits)));
        g.topologicalSort();
        byte[] withConstants = m.toBytes();

        int folded = ConstantFolding.foldConstants(g);

        assertThat(folded).isEqualTo(2);
        assertThat(g.nodes()).noneMatch(n -> n.opType().equals("Constant"));
        assertThat(g.initializer(bias.name()).orElseThrow().floats()).containsExactly(bias.floats());
        assertThat(g.initializer("one_v").orElseThrow().floats()).containsExactly(1f);
        ModelCheck.loadsInOrt(m);
        float[] x = TestModels.randomInput(3 * 1024, 3);
        long[] shape = {1, 3, 1024};
        float[] expected = TestModels.run(before, "input", shape, x);
        assertThat(TestModels.run(withConstants, "input", shape, x)).containsExactly(expected);
        assertThat(TestModels.run(m.toBytes(), "input", shape, x)).containsExactly(expected);
    }

    @Test
    void subgraphWeights_ifBranchesWithInitializerAndConstant_areDetected() {
        OnnxModel m = OnnxModel.of(ifModel(), "if-model");

        assertThat(m.subgraphInitializerCount()).isEqualTo(2);
        assertThat(m.graph().subgraphWeights()).containsExactlyInAnyOrder(
                new SubgraphWeight("branch", "If", "then_branch", "w_then", 4),
                new SubgraphWeight("branch", "If", "else_branch", "w_else", 4));
        ModelCheck.loadsInOrt(m);
        assertThat(OnnxIo.read(m.toBytes()).toBytes()).isEqualTo(m.toBytes());
    }

    /** cond: bool input; y = If(cond) then (x + w_then initializer) else (x + w_else Constant). */
    static ModelProto ifModel() {
        TensorProto wThen = Tensor.ofFloats("w_then", new long[] {4}, new float[] {1, 2, 3, 4}).toProto();
        TensorProto wElse = Tensor.ofFloats("w_else", new long[] {4}, new float[] {-1, -2, -3, -4}).toProto();
        GraphProto thenG = GraphProto.newBuilder().setName("then")
                .addNode(NodeProto.newBuilder().setOpType("Add").addInput("x").addInput("w_then").addOutput("t"))
                .addInitializer(wThen)
                .addOutput(ValueInfo.of("t", DataType.FLOAT, 4).toProto()).build();
        GraphProto elseG = GraphProto.newBuilder().setName("else")
                .addNode(NodeProto.newBuilder().setOpType("Constant").addOutput("w_else")
                        .addAttribute(AttributeProto.newBuilder().setName("value")
                                .setType(AttributeProto.AttributeType.TENSOR).setT(wElse)))
                .addNode(NodeProto.newBuilder().setOpType("Add").addInput("x").addInput("w_else").addOutput("e"))
                .addOutput(ValueInfo.of("e", DataType.FLOAT, 4).toProto()).build();
        NodeProto ifNode = NodeProto.newBuilder().setName("branch").setOpType("If").addInput("cond").addOutput("y")
                .addAttribute(AttributeProto.newBuilder().setName("then_branch")
                        .setType(AttributeProto.AttributeType.GRAPH).setG(thenG))
                .addAttribute(AttributeProto.newBuilder().setName("else_branch")
                        .setType(AttributeProto.AttributeType.GRAPH).setG(elseG))
                .build();
        GraphProto main = GraphProto.newBuilder().setName("main").addNode(ifNode)
                .addInput(ValueInfo.of("cond", DataType.BOOL).toProto())
                .addInput(ValueInfo.of("x", DataType.FLOAT, 4).toProto())
                .addOutput(ValueInfo.of("y", DataType.FLOAT, 4).toProto()).build();
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).setGraph(main).build();
    }
}
