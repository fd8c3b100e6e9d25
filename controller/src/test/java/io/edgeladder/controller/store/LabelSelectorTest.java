package io.edgeladder.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.controller.store.fleet.LabelSelector.Op;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {
  private static final Map<String, String> PUMP = Map.of("site", "plant-1", "tier", "prod");

  @Test
  void parse_everyForm_canonicalText() {
    assertThat(LabelSelector.parse(" site = plant-1 , tier!=test,zone in (b, a),x notin (c),gpu,!npu"))
        .hasToString("site=plant-1,tier!=test,zone in (a,b),x!=c,gpu,!npu");
    assertThat(LabelSelector.parse("site==plant-1").requirements().get(0).op()).isEqualTo(Op.IN);
    assertThat(LabelSelector.parse("  ")).isEqualTo(LabelSelector.all());
    assertThat(LabelSelector.parse(null).requirements()).isEmpty();
  }

  @Test
  void matches_conjunctionOfRequirements() {
    assertThat(LabelSelector.parse("site=plant-1,tier=prod").matches(PUMP)).isTrue();
    assertThat(LabelSelector.parse("site=plant-1,tier=test").matches(PUMP)).isFalse();
    assertThat(LabelSelector.parse("site in (plant-2,plant-1)").matches(PUMP)).isTrue();
    assertThat(LabelSelector.parse("site notin (plant-1)").matches(PUMP)).isFalse();
    assertThat(LabelSelector.parse("zone!=a").matches(PUMP)).as("missing label is != a").isTrue();
    assertThat(LabelSelector.parse("tier").matches(PUMP)).isTrue();
    assertThat(LabelSelector.parse("!tier").matches(PUMP)).isFalse();
    assertThat(LabelSelector.all().matches(Map.of())).isTrue();
  }

  @Test
  void parse_badText_namesSelectorAndRequirement() {
    assertThatThrownBy(() -> LabelSelector.parse("site=plant-1,ti er=x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'site=plant-1,ti er=x'")
        .hasMessageContaining("'ti er=x'");
    assertThatThrownBy(() -> LabelSelector.parse("zone in (a,(b))"))
        .hasMessageContaining("unbalanced parentheses");
    assertThatThrownBy(() -> LabelSelector.parse("zone in (a"))
        .hasMessageContaining("unclosed parenthesis");
    assertThatThrownBy(() -> LabelSelector.parse("site=pl ant"))
        .hasMessageContaining("'site=pl ant'");
    assertThatThrownBy(() -> LabelSelector.parse("-site=a"))
        .hasMessageContaining("label key");
  }
}
