package io.edgeladder.agent.inference.ort;

import org.junit.jupiter.api.Test;

class ModelCardMatchTest {
  @Test
  void load_tinyConvWithItsCard_signatureAndHashMatchCard() throws Exception {
    ModelCardCheck.assertSessionMatchesCard(Fixtures.DIR.resolve("tiny-conv.model-card.json"));
  }
}
