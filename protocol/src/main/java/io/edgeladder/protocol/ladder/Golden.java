package io.edgeladder.protocol.ladder;

import java.util.Arrays;

/**
 * A variant's output for the manifest's golden input, computed on the reference host. An agent runs
 * the same input after warm-up and compares within a tolerance before it swaps the variant in.
 *
 * @param input the {@link GoldenInput#id()} this output belongs to
 * @param output raw model output (e.g. logits), in tensor order
 */
public record Golden(String input, float[] output) {

  public Golden {
    Checks.text("golden.input", input);
    if (output == null || output.length == 0) throw new IllegalArgumentException("ladder golden.output is missing");
    Checks.finite("golden.output", output);
    output = output.clone();
  }

  @Override
  public float[] output() {
    return output.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Golden g && input.equals(g.input) && Arrays.equals(output, g.output);
  }

  @Override
  public int hashCode() {
    return 31 * input.hashCode() + Arrays.hashCode(output);
  }

  @Override
  public String toString() {
    return "Golden[input=" + input + ", output=" + Arrays.toString(output) + "]";
  }
}
