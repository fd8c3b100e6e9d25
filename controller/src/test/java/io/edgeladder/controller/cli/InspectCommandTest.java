package io.edgeladder.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class InspectCommandTest {

    private static final Path ROOT = root();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = ControllerCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void inspect_vibrationCnn_printsHistogramFiguresAndWhyNot() {
        int code = run("variants", "inspect", ROOT.resolve("models/vibration-cnn/model.onnx").toString());

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("parameters  11,397")
                .contains("MACs        1,616,032")
                .contains("size        48,176 bytes")
                .containsPattern("Conv\\s+3")
                .contains("10 tensors: 5 quantizable, 5 prunable, 0 inside subgraphs")
                .contains("biases stay fp32")
                .contains("only 1x1 convolutions are decomposed");
    }

    @Test
    void inspect_json_isMachineReadable() throws Exception {
        int code = run("variants", "inspect", "--json", ROOT.resolve("models/vibration-cnn/model.onnx").toString());

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("macs").asLong()).isEqualTo(1_616_032);
        assertThat(json.get("parameters").asLong()).isEqualTo(11_397);
        assertThat(json.at("/opHistogram/Gemm").asInt()).isEqualTo(2);
        assertThat(json.get("weights")).hasSize(10);
        assertThat(json.at("/weights/1/quantize/applicable").asBoolean()).isFalse();
        assertThat(json.at("/weights/1/quantize/reason").asText()).contains("biases stay fp32");
    }

    @Test
    void inspect_truncatedModel_exitsOneWithNamedFile() {
        int code = run("variants", "inspect", ROOT.resolve("models/fixtures/truncated.onnx").toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: onnx: ").contains("truncated.onnx");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void inspect_dynamicShape_reportsAssumption() {
        int code = run("variants", "inspect", ROOT.resolve("models/fixtures/dynamic-shape.onnx").toString());

        assertThat(code).isZero();
        assertThat(out.toString()).contains("dynamic     [input:").contains("measured with 1");
    }

    @Test
    void inspect_dynamicShapeWithInputShape_countsMacsAtThatShape() {
        int code = run("variants", "inspect", "--input-shape", "input=1x3x1024",
                ROOT.resolve("models/fixtures/dynamic-shape.onnx").toString());

        assertThat(code).isZero();
        // tiny-conv's twin: Conv 8x3x7 over 1024 samples (same padding) + Gemm 8->5.
        assertThat(out.toString()).contains("MACs        172,072 per inference").doesNotContain("assumed");
    }

    @Test
    void inspect_badInputShape_isUsageError() {
        int code = run("variants", "inspect", "--input-shape", "input=1by3",
                ROOT.resolve("models/fixtures/dynamic-shape.onnx").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("must look like 1x3x1024 but was '1by3'");
    }

    @Test
    void inspect_missingArgument_isUsageError() {
        assertThat(run("variants", "inspect")).isEqualTo(2);
        assertThat(err.toString()).contains("MODEL.onnx");
    }

    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("models/vibration-cnn"))) {
            p = p.getParent();
        }
        return p;
    }
}
