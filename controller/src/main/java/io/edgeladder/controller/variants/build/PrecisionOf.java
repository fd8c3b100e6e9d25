package io.edgeladder.controller.variants.build;

import io.edgeladder.controller.variants.passes.PassResult;
import io.edgeladder.protocol.ladder.Precision;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The precision a pass result actually has, read from what the pass reports — not from what was asked:
 * an INT8 pass that left layers in fp32 (auto-excluded, or Conv left to fp32 by dynamic quantization) is
 * {@code mixed}, as is FP16 that kept some compute in fp32.
 */
final class PrecisionOf {
  private PrecisionOf() {}

  static Precision of(PassResult r) {
    if (r.report().get("chain") instanceof List<?> chain) {
      Precision p = Precision.FP32;
      for (Object o : chain) {
        if (o instanceof Map<?, ?> step && "applied".equals(step.get("status"))) {
          p = combine(p, step(String.valueOf(step.get("technique")), asMap(step.get("report"))));
        }
      }
      return p;
    }
    return step(r.technique(), r.report());
  }

  private static Precision step(String technique, Map<?, ?> report) {
    if (technique.startsWith("int8-static")) {
      boolean partial = size(report.get("autoExcluded")) > 0
          || number(report.get("weightsQuantized")) < number(report.get("weightTensors"));
      return partial ? Precision.MIXED : Precision.INT8;
    }
    if (technique.startsWith("int8-dynamic")) {
      return number(report.get("convWeightsLeftFp32")) > 0 ? Precision.MIXED : Precision.INT8;
    }
    if (technique.equals("fp16")) {
      return number(report.get("halfComputeLayers")) < number(report.get("computeLayers"))
          ? Precision.MIXED : Precision.FP16;
    }
    if (technique.startsWith("fp16")) return Precision.MIXED; // fp16-weights: half storage, fp32 compute
    return Precision.FP32;
  }

  private static Precision combine(Precision a, Precision b) {
    if (a == Precision.FP32) return b;
    if (b == Precision.FP32 || a == b) return a;
    return Precision.MIXED;
  }

  private static Map<?, ?> asMap(Object o) {
    return o instanceof Map<?, ?> m ? m : Map.of();
  }

  private static int size(Object o) {
    return o instanceof Collection<?> c ? c.size() : o instanceof Map<?, ?> m ? m.size() : 0;
  }

  private static double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : 0;
  }
}
