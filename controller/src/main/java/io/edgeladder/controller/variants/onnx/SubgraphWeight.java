package io.edgeladder.controller.variants.onnx;

/**
 * A weight tensor held inside a control-flow subgraph (an initializer or a {@code Constant} of an If branch or a
 * Loop/Scan body). Passes leave these alone and report them ("28 live inside If subgraphs").
 *
 * @param ownerNode name of the top-level node whose attribute holds the subgraph
 * @param ownerOpType its op type (If, Loop, Scan)
 * @param attribute the attribute name ({@code then_branch}, {@code body}, ...)
 * @param tensor the tensor's name inside the subgraph
 * @param elements its element count
 */
public record SubgraphWeight(String ownerNode, String ownerOpType, String attribute, String tensor, long elements) {

    public SubgraphWeight {
        if (ownerNode == null || ownerOpType == null || attribute == null || tensor == null) {
            throw new IllegalArgumentException("subgraph weight: names must not be null");
        }
        if (elements < 0) {
            throw new IllegalArgumentException("subgraph weight '" + tensor + "': elements must be >= 0 but was "
                    + elements);
        }
    }
}
