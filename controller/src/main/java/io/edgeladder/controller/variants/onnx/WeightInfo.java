package io.edgeladder.controller.variants.onnx;

import java.util.List;

/**
 * What one weight tensor is and which compression techniques can apply to it.
 *
 * @param name tensor name
 * @param dataType element type
 * @param dims dimensions
 * @param elements element count
 * @param consumers names of the nodes that read it ({@code owner} node for subgraph weights)
 * @param role {@code "weight"} (Conv W, Gemm B, MatMul operand), {@code "bias"}, {@code "other"} or
 *     {@code "subgraph"}
 * @param quantize INT8 quantization (per-channel weights)
 * @param prune unstructured magnitude pruning
 * @param channelPrune structured channel (filter / hidden unit) pruning of the producing layer
 * @param decompose low-rank (SVD) decomposition
 */
public record WeightInfo(String name, DataType dataType, List<Long> dims, long elements, List<String> consumers,
        String role, Verdict quantize, Verdict prune, Verdict channelPrune, Verdict decompose) {

    public WeightInfo {
        if (name == null || dataType == null || role == null) {
            throw new IllegalArgumentException("weight info: name, dataType and role must not be null");
        }
        dims = List.copyOf(dims);
        consumers = List.copyOf(consumers);
        if (quantize == null || prune == null || channelPrune == null || decompose == null) {
            throw new IllegalArgumentException("weight info '" + name + "': every verdict must be set");
        }
    }

    /** Whether a technique applies; when it does not, {@code reason} says why (else it says how). */
    public record Verdict(boolean applicable, String reason) {

        public Verdict {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("verdict: reason must not be blank");
            }
        }

        public static Verdict yes(String how) {
            return new Verdict(true, how);
        }

        public static Verdict no(String why) {
            return new Verdict(false, why);
        }
    }
}
