package io.edgeladder.agent.inference.ort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** The committed fixture models (models/recipes/make_fixtures.py), located from the agent module dir. */
final class Fixtures {
  static final Path DIR = Path.of("..", "models", "fixtures");

  private Fixtures() {}

  static Path model(String name) {
    return DIR.resolve(name + ".onnx");
  }

  /** tiny-conv's seeded input and ONNX Runtime (Python) output. */
  record Golden(long[] inputShape, long[] outputShape, float[] input, float[] output) {
    static Golden load() throws IOException {
      JsonNode json = new ObjectMapper().readTree(DIR.resolve("tiny-conv.golden.json").toFile());
      return new Golden(longs(json.get("inputShape")), longs(json.get("outputShape")),
          floats(json.get("input")), floats(json.get("output")));
    }

    private static long[] longs(JsonNode array) {
      long[] values = new long[array.size()];
      for (int i = 0; i < values.length; i++) values[i] = array.get(i).asLong();
      return values;
    }

    private static float[] floats(JsonNode array) {
      float[] values = new float[array.size()];
      // written as float32 widened to float64, so narrowing back is exact
      for (int i = 0; i < values.length; i++) values[i] = (float) array.get(i).asDouble();
      return values;
    }
  }
}
