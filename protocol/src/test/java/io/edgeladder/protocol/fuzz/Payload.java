package io.edgeladder.protocol.fuzz;

import java.nio.charset.StandardCharsets;

/**
 * One generated input: its bytes and how they were made, so a failing try names its input readably
 * (jqwik prints the sample's {@code toString}).
 *
 * @param how the mutations applied, e.g. {@code wrongType@pipelines[0].name}
 * @param bytes the payload
 */
public record Payload(String how, byte[] bytes) {
  private static final int SHOWN = 600;

  @Override
  public String toString() {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.length() > SHOWN) text = text.substring(0, SHOWN) + "...(" + bytes.length + " bytes)";
    return how + ": " + text;
  }
}
