package io.edgeladder.controller.variants.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.controller.variants.passes.ChannelPrune;
import io.edgeladder.controller.variants.passes.Compose;
import io.edgeladder.controller.variants.passes.LowRank;
import io.edgeladder.controller.variants.passes.MagnitudePrune;
import io.edgeladder.controller.variants.passes.QuantizeStaticPass;
import java.util.List;
import org.junit.jupiter.api.Test;

class TechniqueRegistryTest {
  private final TechniqueRegistry registry = TechniqueRegistry.ofDefaults(64);

  @Test
  void parse_singleStep_resolvesPassAndId() {
    Technique t = registry.parse("prune:0.5");

    assertThat(t.pass()).isInstanceOf(MagnitudePrune.class);
    assertThat(t.pass().technique()).isEqualTo("magnitude-prune(global,0.50)");
    assertThat(t.id()).isEqualTo("prune-0.5");
  }

  @Test
  void parse_chain_composesStepsInOrder() {
    Technique t = registry.parse("channel-prune:0.5+low-rank:0.9+int8-static:percentile=99.9");

    assertThat(t.pass()).isInstanceOf(Compose.class);
    assertThat(((Compose) t.pass()).steps()).hasExactlyElementsOfTypes(ChannelPrune.class, LowRank.class,
        QuantizeStaticPass.class);
    assertThat(t.pass().technique())
        .isEqualTo("channel-prune(l1,uniform,0.50) -> low-rank(energy=0.90) -> int8-static");
    assertThat(t.id()).isEqualTo("channel-prune-0.5_low-rank-0.9_int8-static-percentile-99.9");
  }

  @Test
  void parse_lowRankByRank_usesFixedRank() {
    assertThat(registry.parse("low-rank:rank=8").pass().technique()).isEqualTo("low-rank(rank=8)");
  }

  @Test
  void parse_unknownName_listsKnownTechniques() {
    assertThatThrownBy(() -> registry.parse("int8-static+distill"))
        .isInstanceOf(UnknownTechniqueException.class)
        .hasMessageContaining("unknown technique 'distill' in 'int8-static+distill'")
        .hasMessageContaining("channel-prune:RATIO");
  }

  @Test
  void parse_badArgument_namesStepAndUsage() {
    assertThatThrownBy(() -> registry.parse("channel-prune:half"))
        .isInstanceOf(UnknownTechniqueException.class)
        .hasMessageContaining("'channel-prune:half'")
        .hasMessageContaining("must be a number but was 'half'");
    assertThatThrownBy(() -> registry.parse("prune:1.5")).hasMessageContaining("sparsity must be in [0, 1) but was 1.5");
    assertThatThrownBy(() -> registry.parse("fp16:yes")).hasMessageContaining("fp16 takes no argument");
    assertThatThrownBy(() -> registry.parse("prune")).hasMessageContaining("prune ratio is missing");
  }

  @Test
  void parseAll_severalProblems_reportsEveryOne() {
    assertThatThrownBy(() -> registry.parseAll(List.of("fp16", "nope", "prune:x", "fp16")))
        .isInstanceOf(UnknownTechniqueException.class)
        .hasMessageContaining("unknown technique 'nope'")
        .hasMessageContaining("'prune:x'")
        .hasMessageContaining("repeats variant id fp16");
  }

  @Test
  void with_extraTechnique_isParsable() {
    TechniqueRegistry r = registry.with("none", "none", a -> registry.parse("prune:0").pass());

    assertThat(r.parse("none").id()).isEqualTo("none");
    assertThat(registry.usages()).doesNotContain("none");
  }
}
