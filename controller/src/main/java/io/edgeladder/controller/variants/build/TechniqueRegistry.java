package io.edgeladder.controller.variants.build;

import io.edgeladder.controller.variants.passes.CalibrationMethod;
import io.edgeladder.controller.variants.passes.ChannelPrune;
import io.edgeladder.controller.variants.passes.Compose;
import io.edgeladder.controller.variants.passes.Fp16Pass;
import io.edgeladder.controller.variants.passes.LowRank;
import io.edgeladder.controller.variants.passes.MagnitudePrune;
import io.edgeladder.controller.variants.passes.Pass;
import io.edgeladder.controller.variants.passes.QuantizeDynamicPass;
import io.edgeladder.controller.variants.passes.QuantizeStaticConfig;
import io.edgeladder.controller.variants.passes.QuantizeStaticPass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Technique names → passes, so a build asks for techniques by name ({@code int8-static}, {@code prune:0.5},
 * {@code channel-prune:0.5+low-rank:0.9+int8-static}) and a name nobody registered is a clear
 * {@link UnknownTechniqueException}, not a compile-time dependency.
 *
 * <p>Spec grammar: steps joined by {@code +} (applied left to right through {@link Compose}); each step is
 * {@code name} or {@code name:argument}. Immutable; {@link #with} returns a copy.
 */
public final class TechniqueRegistry {

  /** Makes a pass from a step's argument ({@code null} when the step has none). */
  @FunctionalInterface
  public interface Factory {
    /** @throws IllegalArgumentException when the argument is missing or bad (the message says what is expected) */
    Pass create(String argument);
  }

  private record Entry(Factory factory, String usage) {}

  private final Map<String, Entry> entries;

  private TechniqueRegistry(Map<String, Entry> entries) {
    this.entries = Map.copyOf(entries);
  }

  /**
   * The passes of {@code variants.passes}.
   *
   * @param calibrationWindows at most this many calibration windows for static quantization
   */
  public static TechniqueRegistry ofDefaults(int calibrationWindows) {
    if (calibrationWindows <= 0) {
      throw new IllegalArgumentException("technique registry: calibrationWindows must be > 0 but was " + calibrationWindows);
    }
    QuantizeStaticConfig q = QuantizeStaticConfig.ofDefaults().withMaxCalibrationWindows(calibrationWindows);
    Map<String, Entry> m = new LinkedHashMap<>();
    m.put("int8-static", new Entry(a -> new QuantizeStaticPass(staticConfig(q, a)),
        "int8-static[:minmax|:percentile|:percentile=P]"));
    m.put("int8-dynamic", new Entry(a -> noArgument("int8-dynamic", a, new QuantizeDynamicPass()), "int8-dynamic"));
    m.put("fp16", new Entry(a -> noArgument("fp16", a, Fp16Pass.ofDefaults()), "fp16"));
    m.put("prune", new Entry(a -> MagnitudePrune.global(fraction("prune", a)), "prune:SPARSITY (global)"));
    m.put("prune-layer", new Entry(a -> MagnitudePrune.perLayer(fraction("prune-layer", a)),
        "prune-layer:SPARSITY (each layer)"));
    m.put("channel-prune", new Entry(a -> ChannelPrune.uniform(ChannelPrune.Criterion.L1, fraction("channel-prune", a)),
        "channel-prune:RATIO (L1, every layer)"));
    m.put("channel-prune-l2", new Entry(a -> ChannelPrune.uniform(ChannelPrune.Criterion.L2,
        fraction("channel-prune-l2", a)), "channel-prune-l2:RATIO"));
    m.put("channel-prune-global", new Entry(a -> ChannelPrune.global(ChannelPrune.Criterion.L1,
        fraction("channel-prune-global", a)), "channel-prune-global:RATIO (L1, ranked across layers)"));
    m.put("low-rank", new Entry(TechniqueRegistry::lowRank, "low-rank:ENERGY | low-rank:rank=K"));
    return new TechniqueRegistry(m);
  }

  /** This registry plus {@code name} (replacing a registration of the same name). */
  public TechniqueRegistry with(String name, String usage, Factory factory) {
    if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException("technique name must match [a-z0-9][a-z0-9-]* but was " + name);
    }
    Map<String, Entry> m = new LinkedHashMap<>(entries);
    m.put(name, new Entry(factory, usage));
    return new TechniqueRegistry(m);
  }

  /** Usage of every registered technique, sorted by name. */
  public List<String> usages() {
    return entries.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getValue().usage()).toList();
  }

  /**
   * @throws UnknownTechniqueException when a step names no registered technique or its argument is bad
   */
  public Technique parse(String spec) {
    if (spec == null || spec.isBlank()) throw new UnknownTechniqueException("technique spec must not be blank");
    String s = spec.strip();
    List<Pass> steps = new ArrayList<>();
    for (String step : s.split("\\+", -1)) {
      int colon = step.indexOf(':');
      String name = colon < 0 ? step : step.substring(0, colon);
      String arg = colon < 0 ? null : step.substring(colon + 1);
      Entry e = entries.get(name);
      if (e == null) {
        throw new UnknownTechniqueException("unknown technique '" + name + "' in '" + s + "'; known: " + usages());
      }
      try {
        steps.add(e.factory().create(arg));
      } catch (IllegalArgumentException ex) {
        throw new UnknownTechniqueException("technique '" + step + "' in '" + s + "': " + ex.getMessage()
            + " (usage: " + e.usage() + ")");
      }
    }
    Pass pass = steps.size() == 1 ? steps.get(0) : Compose.of(steps);
    return new Technique(s, Technique.idOf(s), pass);
  }

  /**
   * Parses every spec, reporting all bad ones together.
   *
   * @throws UnknownTechniqueException listing each bad spec, or a repeated variant id
   */
  public List<Technique> parseAll(List<String> specs) {
    List<Technique> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (String spec : specs) {
      try {
        Technique t = parse(spec);
        if (!ids.add(t.id())) {
          problems.add("technique '" + spec + "' repeats variant id " + t.id());
        } else {
          out.add(t);
        }
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) throw new UnknownTechniqueException(String.join("\n", problems));
    return out;
  }

  private static QuantizeStaticConfig staticConfig(QuantizeStaticConfig q, String arg) {
    if (arg == null) return q;
    if (arg.equals("minmax")) return q.withCalibration(CalibrationMethod.MIN_MAX, q.percentile());
    if (arg.equals("percentile")) return q.withCalibration(CalibrationMethod.PERCENTILE, 99.99);
    if (arg.startsWith("percentile=")) {
      return q.withCalibration(CalibrationMethod.PERCENTILE, number("int8-static percentile", arg.substring(11)));
    }
    throw new IllegalArgumentException("calibration must be minmax, percentile or percentile=P but was '" + arg + "'");
  }

  private static Pass lowRank(String arg) {
    if (arg != null && arg.startsWith("rank=")) {
      double r = number("low-rank rank", arg.substring(5));
      if (r != Math.rint(r)) throw new IllegalArgumentException("low-rank rank must be an integer but was " + arg);
      return LowRank.ofRank((int) r);
    }
    return LowRank.ofEnergy(number("low-rank energy", arg));
  }

  private static double fraction(String what, String arg) {
    return number(what + " ratio", arg);
  }

  private static double number(String what, String arg) {
    if (arg == null || arg.isBlank()) throw new IllegalArgumentException(what + " is missing");
    try {
      return Double.parseDouble(arg);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " must be a number but was '" + arg + "'");
    }
  }

  private static Pass noArgument(String name, String arg, Pass pass) {
    if (arg != null) throw new IllegalArgumentException(name + " takes no argument but was given '" + arg + "'");
    return pass;
  }
}
