package io.edgeladder.agent.inference.ort;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.agent.inference.LoadedModel;
import io.edgeladder.agent.inference.ModelRunner;
import io.edgeladder.agent.inference.RunnerOptions;
import io.edgeladder.protocol.ModelCard;
import java.nio.file.Path;

/** Asserts that the session built from a card's ONNX file has the signature and hash the card promises. */
final class ModelCardCheck {
  private ModelCardCheck() {}

  static void assertSessionMatchesCard(Path cardFile) throws Exception {
    ModelCard card = ModelCard.load(cardFile);
    try (LoadedModel model = OrtModelLoader.of().load(card.modelPath(cardFile), RunnerOptions.ofDefaults())) {
      var signature = model.signature();
      assertThat(signature.inputName()).isEqualTo(card.input().name());
      assertThat(signature.inputShape()).containsExactly(card.input().shape());
      assertThat(signature.inputShape())
          .containsExactly(1, card.input().channels().size(), card.input().windowSize());
      assertThat(signature.outputName()).isEqualTo(card.output().name());
      assertThat(signature.outputShape()).containsExactly(card.output().shape());
      assertThat(signature.outputSize()).isEqualTo(card.classes().size());
      if (card.sha256() != null) {
        assertThat(model.sha256()).isEqualTo(card.sha256());
      }
      float[] out = new float[signature.outputSize()];
      try (ModelRunner runner = model.newRunner()) {
        runner.run(new float[signature.inputSize()], out);
      }
      for (float v : out) assertThat(v).isFinite();
    }
  }
}
