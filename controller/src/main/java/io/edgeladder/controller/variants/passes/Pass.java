package io.edgeladder.controller.variants.passes;

import io.edgeladder.controller.variants.onnx.OnnxModel;

/**
 * A model-to-model rewrite (quantization, pruning, decomposition, FP16, ...).
 *
 * <p>Outcomes: {@link #apply} returns a {@link PassResult} holding a <em>new</em> model (the input is never
 * edited), the technique label as applied, human-readable notes and a machine-readable report. A pass that finds
 * nothing to do returns a result with {@link PassResult#changed()} false and says why in the notes; it never claims a
 * technique that did not happen. A pass throws {@link PassException} when the model cannot be rewritten (unsupported
 * op, dynamic shapes, the result does not load in ONNX Runtime), naming the pass and the reason.
 *
 * <p>Threads: passes are stateless apart from their configuration; {@code apply} may be called from any thread, one
 * model per call.
 */
public interface Pass {

    /** Technique label as recorded in the ladder, e.g. {@code "channel-prune(l1,0.5)"}. */
    String technique();

    /**
     * @param model the input model; not modified
     * @param ctx calibration data and other inputs a pass may need
     * @throws PassException if the rewrite is impossible or the result fails the ONNX Runtime load check
     */
    PassResult apply(OnnxModel model, PassContext ctx) throws PassException;
}
