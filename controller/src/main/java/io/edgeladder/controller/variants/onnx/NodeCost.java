package io.edgeladder.controller.variants.onnx;

/**
 * Multiply-accumulate count of one node for one inference (at the measured input shapes).
 *
 * @param node node name
 * @param opType op type
 * @param macs multiply-accumulates; 0 for ops not counted (see {@link ModelStats})
 */
public record NodeCost(String node, String opType, long macs) {

    public NodeCost {
        if (macs < 0) {
            throw new IllegalArgumentException("node cost '" + node + "': macs must be >= 0 but was " + macs);
        }
    }
}
