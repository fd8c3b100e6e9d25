package io.edgeladder.controller.variants.passes;

import io.edgeladder.controller.variants.onnx.OnnxModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chains passes, each applied to the previous one's result (e.g. channel-prune 0.5 → low-rank 0.9 → int8 static).
 *
 * <p>The technique chain is recorded exactly as applied: {@link PassResult#technique()} joins the techniques of the
 * steps that changed the model with {@code " -> "}; a step that changed nothing is left out of it and listed in the
 * report's {@code chain} as {@code skipped} with its reason. A failing step fails the composition, naming the step.
 */
public final class Compose implements Pass {

    /** Separator between the techniques of a chain. */
    public static final String SEPARATOR = " -> ";

    private final List<Pass> steps;

    private Compose(List<Pass> steps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("compose: needs at least one pass");
        }
        this.steps = List.copyOf(steps);
    }

    public static Compose of(Pass... steps) {
        return new Compose(List.of(steps));
    }

    public static Compose of(List<Pass> steps) {
        return new Compose(steps);
    }

    public List<Pass> steps() {
        return steps;
    }

    /** The planned chain (every step), e.g. {@code "channel-prune(l1,uniform,0.50) -> low-rank(energy=0.90)"}. */
    @Override
    public String technique() {
        return String.join(SEPARATOR, steps.stream().map(Pass::technique).toList());
    }

    @Override
    public PassResult apply(OnnxModel model, PassContext ctx) throws PassException {
        OnnxModel current = model;
        List<String> applied = new ArrayList<>();
        List<Map<String, Object>> chain = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Pass step = steps.get(i);
            PassResult r;
            try {
                r = step.apply(current, ctx);
            } catch (PassException e) {
                throw new PassException("compose: step " + (i + 1) + " of " + steps.size() + " (" + step.technique()
                        + ") failed" + (applied.isEmpty() ? "" : " after " + String.join(SEPARATOR, applied)) + ": "
                        + e.getMessage(), e);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("technique", r.technique());
            entry.put("status", r.changed() ? "applied" : "skipped");
            entry.put("notes", r.notes());
            entry.put("report", r.report());
            chain.add(entry);
            if (r.changed()) {
                applied.add(r.technique());
                current = r.model();
                r.notes().forEach(n -> notes.add(r.technique() + ": " + n));
            } else {
                notes.add("skipped " + r.technique() + ": " + String.join("; ", r.notes()));
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("chain", chain);
        report.put("applied", applied);
        if (applied.isEmpty()) {
            return new PassResult(model.copy(), technique(), notes, report, false);
        }
        return new PassResult(current, String.join(SEPARATOR, applied), notes, report, true);
    }
}
