package io.edgeladder.controller.variants.passes;

import io.edgeladder.controller.variants.onnx.OnnxModel;
import java.util.List;
import java.util.Map;

/**
 * What a pass produced and what really happened.
 *
 * @param model the rewritten model (a new instance; the pass's input is untouched)
 * @param technique the technique that actually happened, e.g. {@code "int8-static"}, or a weaker one when the pass
 *     fell back (e.g. {@code "fp16-weights"} when no op could compute in fp16)
 * @param notes human-readable facts, e.g. "12 of 40 weight tensors quantized: 28 live inside If subgraphs"
 * @param report machine-readable details (counts, tables); values are JSON-friendly (numbers, strings, lists, maps)
 */
public record PassResult(OnnxModel model, String technique, List<String> notes, Map<String, Object> report) {

    public PassResult {
        if (model == null) {
            throw new IllegalArgumentException("pass result: model must not be null");
        }
        if (technique == null || technique.isBlank()) {
            throw new IllegalArgumentException("pass result: technique must not be blank but was '" + technique + "'");
        }
        notes = List.copyOf(notes);
        report = Map.copyOf(report);
    }
}
