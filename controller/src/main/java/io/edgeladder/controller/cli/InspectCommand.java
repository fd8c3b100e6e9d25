package io.edgeladder.controller.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.edgeladder.controller.variants.onnx.ModelStats;
import io.edgeladder.controller.variants.onnx.OnnxIo;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import io.edgeladder.controller.variants.onnx.ShapeInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code variants inspect MODEL.onnx [--json]}: op histogram, parameters, size, MACs, per-weight verdicts. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print what a model holds and which weights can be quantized, pruned or decomposed.")
public final class InspectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "ONNX model file")
    private Path model;

    @Option(names = "--json", description = "machine-readable JSON instead of tables")
    private boolean json;

    @Option(names = "--input-shape", paramLabel = "NAME=D0xD1x...",
            description = "concrete shape for an input with dynamic dims, e.g. input=1x3x1024 (repeatable)")
    private Map<String, String> inputShapes = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        OnnxModel m = OnnxIo.read(model);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        inputShapes.forEach((name, dims) -> shapes.put(name, parseDims(name, dims)));
        ModelStats stats = ModelStats.of(m, ShapeInfo.infer(m, shapes));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(toJson(m, stats)));
        } else {
            InspectReport.print(out, model.toString(), m, stats);
        }
        out.flush();
        return 0;
    }

    private long[] parseDims(String name, String dims) {
        try {
            return java.util.Arrays.stream(dims.split("x")).mapToLong(Long::parseLong).toArray();
        } catch (NumberFormatException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--input-shape " + name + " must look like 1x3x1024 but was '" + dims + "'");
        }
    }

    static Map<String, Object> toJson(OnnxModel m, ModelStats stats) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("file", m.origin());
        root.put("irVersion", m.irVersion());
        root.put("opsets", m.opsetImports());
        root.put("dynamicShapes", m.dynamicValues());
        root.put("shapeAssumptions", stats.shapeAssumptions());
        root.put("opHistogram", stats.opHistogram());
        root.put("parameters", stats.parameters());
        root.put("sizeBytes", stats.sizeBytes());
        root.put("macs", stats.macs());
        root.put("nodes", stats.nodeCosts());
        root.put("weights", stats.weights());
        root.put("subgraphWeights", stats.subgraphWeights());
        return root;
    }
}
