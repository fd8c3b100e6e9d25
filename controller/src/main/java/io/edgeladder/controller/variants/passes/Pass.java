package io.edgeladder.controller.variants.passes;

import io.edgeladder.controller.variants.onnx.OnnxModel;

/**
 * A model-to-model rewrite (quantize, prune, decompose, fp16). A pass never edits its input: it works on a copy and
 * returns the new model with a {@link PassResult} that says what really happened (how many tensors were rewritten,
 * what was skipped and why), so a variant never claims a technique that did not happen. Every model a pass returns
 * loads in ONNX Runtime and keeps the input/output names, shapes and float32 element types.
 *
 * <p>Passes are stateless after construction and may be applied from any thread; one call uses one thread.
 */
public interface Pass {

    /** Short technique id used in the ladder's technique chain, e.g. {@code "int8-static"}, {@code "fp16"}. */
    String technique();

    /**
     * @param model the input model (left unchanged)
     * @param ctx calibration data and other inputs a pass may need
     * @throws PassException when the pass cannot apply to this model (names the pass, the node and the reason)
     */
    PassResult apply(OnnxModel model, PassContext ctx) throws PassException;
}
