package io.edgeladder.controller.variants.ladder;

import io.edgeladder.controller.variants.onnx.OnnxModel;
import io.edgeladder.controller.variants.onnx.ValueInfo;
import io.edgeladder.protocol.ModelCard;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The checks behind {@link ExternalVariant#load}: does a variant's card fit its base's card, and does its graph
 * fit its card. Each returns every problem found, each naming the field and both values.
 */
final class ExternalVariants {
  private ExternalVariants() {}

  /** Where the variant's classes, input and output spec differ from the base card's. */
  static List<String> specProblems(ModelCard variant, ModelCard base) {
    List<String> p = new ArrayList<>();
    same(p, "classes", variant.classes(), base.classes());
    ModelCard.Input vi = variant.input();
    ModelCard.Input bi = base.input();
    same(p, "input.name", vi.name(), bi.name());
    same(p, "input.shape", Arrays.toString(vi.shape()), Arrays.toString(bi.shape()));
    same(p, "input.layout", vi.layout(), bi.layout());
    same(p, "input.channels", vi.channels(), bi.channels());
    same(p, "input.sampleRateHz", vi.sampleRateHz(), bi.sampleRateHz());
    same(p, "input.windowSize", vi.windowSize(), bi.windowSize());
    same(p, "input.hop", vi.hop(), bi.hop());
    // The agent normalises once per stream, whatever variant runs: a variant trained on other statistics would
    // silently see shifted inputs after a swap.
    ModelCard.Normalization vn = vi.normalization();
    ModelCard.Normalization bn = bi.normalization();
    if (vn == null || bn == null) {
      if (vn != bn) p.add("input.normalization is " + (vn == null ? "missing" : "present") + " but the base's is "
          + (bn == null ? "missing" : "present"));
    } else {
      same(p, "input.normalization.mean", Arrays.toString(vn.mean()), Arrays.toString(bn.mean()));
      same(p, "input.normalization.std", Arrays.toString(vn.std()), Arrays.toString(bn.std()));
    }
    ModelCard.Output vo = variant.output();
    ModelCard.Output bo = base.output();
    same(p, "output.name", vo.name(), bo.name());
    same(p, "output.shape", Arrays.toString(vo.shape()), Arrays.toString(bo.shape()));
    same(p, "output.kind", vo.kind(), bo.kind());
    return p;
  }

  /** Where the ONNX graph's single input and output differ from what the card declares. */
  static List<String> graphProblems(OnnxModel model, ModelCard card) {
    List<String> p = new ArrayList<>();
    List<ValueInfo> inputs = model.graph().inputs();
    List<ValueInfo> outputs = model.graph().outputs();
    if (inputs.size() != 1 || outputs.size() != 1) {
      p.add("graph must have 1 input and 1 output but has " + inputs.size() + " and " + outputs.size());
      return p;
    }
    graphValue(p, "input", inputs.get(0), card.input().name(), card.input().shape());
    graphValue(p, "output", outputs.get(0), card.output().name(), card.output().shape());
    return p;
  }

  private static void graphValue(List<String> p, String what, ValueInfo v, String name, long[] shape) {
    if (!v.name().equals(name)) p.add("graph " + what + " is named " + v.name() + " but the card says " + name);
    if (v.isDynamic() || !Arrays.equals(v.shape(), shape)) {
      p.add("graph " + what + " " + v.name() + " has shape " + v + " but the card says " + Arrays.toString(shape));
    }
  }

  private static void same(List<String> problems, String field, Object variant, Object base) {
    if (!Objects.equals(variant, base)) problems.add(field + " is " + variant + " but the base's is " + base);
  }
}
