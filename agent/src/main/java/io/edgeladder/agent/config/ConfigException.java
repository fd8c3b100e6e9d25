package io.edgeladder.agent.config;

import java.util.List;

/** An invalid configuration: every problem found, each naming its path (e.g. {@code pipelines[0].hop}). */
public final class ConfigException extends Exception {
  private final List<String> problems;

  public ConfigException(String source, List<String> problems) {
    super(source + ": " + problems.size() + " problem(s):\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
