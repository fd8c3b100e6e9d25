package io.edgeladder.controller.variants.passes;

import static io.edgeladder.controller.variants.passes.PassTestModels.INPUT_SHAPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.controller.variants.onnx.OnnxIo;
import io.edgeladder.controller.variants.onnx.OnnxModel;
import io.edgeladder.controller.variants.passes.ChannelPrune.Criterion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposeTest {

    @Test
    void apply_pruneThenLowRankThenSparsity_recordsChainAsApplied() throws Exception {
        OnnxModel base = OnnxIo.read(PassTestModels.TEACHER);
        Compose c = Compose.of(ChannelPrune.uniform(Criterion.L1, 0.5), LowRank.ofRank(8),
                MagnitudePrune.perLayer(0.3));
        PassResult r = c.apply(base, PassContext.none());

        assertThat(r.technique()).isEqualTo(
                "channel-prune(l1,uniform,0.50) -> low-rank(rank=8) -> magnitude-prune(layer,0.30)");
        assertThat(r.model().graph().initializer("onnx::Conv_51").orElseThrow().dims()).containsExactly(16, 3, 9);
        assertThat(r.model().graph().initializers()).containsKey("head.2.weight_lowrank_a");
        PassTestModels.run(r.model(), INPUT_SHAPE, PassTestModels.randomInput(3 * 1024, 4));
    }

    @Test
    void apply_stepThatChangesNothing_recordedAsSkippedWithReason() throws Exception {
        OnnxModel base = OnnxIo.read(PassTestModels.VIBRATION_CNN);
        PassResult r = Compose.of(MagnitudePrune.global(0), ChannelPrune.uniform(Criterion.L2, 0.25))
                .apply(base, PassContext.none());

        assertThat(r.technique()).isEqualTo("channel-prune(l2,uniform,0.25)");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> chain = (List<Map<String, Object>>) r.report().get("chain");
        assertThat(chain).extracting(m -> m.get("status")).containsExactly("skipped", "applied");
        assertThat(r.notes().get(0)).startsWith("skipped magnitude-prune(global,0.00): magnitude-prune: no weight");
    }

    @Test
    void apply_nothingApplied_unchangedWithPlannedChain() throws Exception {
        OnnxModel base = OnnxIo.read(PassTestModels.VIBRATION_CNN);
        PassResult r = Compose.of(MagnitudePrune.global(0)).apply(base, PassContext.none());
        assertThat(r.changed()).isFalse();
        assertThat(r.model().toBytes()).isEqualTo(base.toBytes());
    }

    @Test
    void apply_failingStep_namesStepAndWhatWasApplied() {
        OnnxModel base = OnnxIo.read(PassTestModels.VIBRATION_CNN);
        Compose c = Compose.of(LowRank.ofRank(2), ChannelPrune.perLayer(Criterion.L1, Map.of("nope", 0.5)));
        assertThatThrownBy(() -> c.apply(base, PassContext.none())).isInstanceOf(PassException.class)
                .hasMessageContaining("compose: step 2 of 2 (channel-prune(l1,per-layer)) failed after low-rank(rank=2)")
                .hasMessageContaining("'nope'");
    }
}
