package io.edgeladder.controller.variants.passes;

import io.edgeladder.controller.variants.onnx.OnnxModel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Pass} produced.
 *
 * @param model the rewritten model (a new instance; equal to a copy of the input when nothing changed)
 * @param technique the technique as applied (may be more precise than {@link Pass#technique()}, e.g. the rank chosen)
 * @param notes human-readable remarks: what was skipped and why, what did not change (e.g. latency)
 * @param report machine-readable figures (per-layer sparsity, ranks, sizes); values are numbers, strings, lists or
 *     maps, in insertion order
 * @param changed false when the pass left the model as it was (the reason is in {@code notes})
 */
public record PassResult(OnnxModel model, String technique, List<String> notes, Map<String, Object> report,
        boolean changed) {

    public PassResult {
        if (model == null) {
            throw new IllegalArgumentException("pass result: model must not be null");
        }
        if (technique == null || technique.isBlank()) {
            throw new IllegalArgumentException("pass result: technique must not be blank but was '" + technique + "'");
        }
        notes = List.copyOf(notes);
        report = Collections.unmodifiableMap(new LinkedHashMap<>(report));
    }

    /** A result that changed the model. */
    public PassResult(OnnxModel model, String technique, List<String> notes, Map<String, Object> report) {
        this(model, technique, notes, report, true);
    }

    /** A result for a pass that had nothing to do, with the reason. */
    public static PassResult unchanged(OnnxModel model, String technique, String reason, Map<String, Object> report) {
        return new PassResult(model, technique, List.of(reason), report, false);
    }
}
