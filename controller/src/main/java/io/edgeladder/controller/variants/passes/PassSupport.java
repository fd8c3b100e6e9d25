package io.edgeladder.controller.variants.passes;

import io.edgeladder.controller.variants.onnx.Graph;
import io.edgeladder.controller.variants.onnx.ModelCheck;
import io.edgeladder.controller.variants.onnx.ModelCheckException;
import io.edgeladder.controller.variants.onnx.Node;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import io.edgeladder.controller.variants.onnx.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/** Helpers shared by the passes: the ORT load check, gzip sizes, weight lookup. */
final class PassSupport {

    private PassSupport() {
    }

    /** Loads {@code model} in ONNX Runtime; a refusal becomes a {@link PassException} naming the pass. */
    static void checkLoads(String pass, OnnxModel model) throws PassException {
        try {
            ModelCheck.loadsInOrt(model);
        } catch (ModelCheckException e) {
            throw new PassException(pass + ": the rewritten model does not load in onnxruntime: " + e.getMessage(), e);
        }
    }

    /** Size of {@code bytes} after gzip (default level): what a sparse or repetitive artifact costs to ship. */
    static long gzipSize(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
        return out.size();
    }

    /** The FLOAT initializer feeding input {@code index} of {@code node}, if that input is one. */
    static Optional<Tensor> floatWeight(Graph g, Node node, int index) {
        String name = node.input(index);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return g.initializer(name).filter(t -> t.dataType() == io.edgeladder.controller.variants.onnx.DataType.FLOAT);
    }

    /** True when no node other than {@code owner} reads {@code value} and it is not a graph output. */
    static boolean onlyUsedBy(Graph g, String value, Node owner) {
        return !g.isGraphOutput(value) && g.consumersOf(value).stream().allMatch(n -> n == owner);
    }

    static String describe(Node n) {
        return n.opType() + " '" + n.name() + "'";
    }
}
