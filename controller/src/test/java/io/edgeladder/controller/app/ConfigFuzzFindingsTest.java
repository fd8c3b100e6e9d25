package io.edgeladder.controller.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression tests for what {@link ControllerConfigFuzzTest} found (issue 6), each naming its input. */
class ConfigFuzzFindingsTest {
  @TempDir
  Path tmp;

  @Test
  void parse_dataDirWithNul_problemNotInvalidPathException() {
    assertThatThrownBy(() -> ControllerConfigLoader.parse("dataDir: \"a\\0b\"\n", tmp, Map.of(), "controller.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("dataDir is not a valid path: 'a");
  }

  @Test
  void parse_keyPathFromEnvWithUnpairedSurrogate_problemNotInvalidPathException() {
    assertThatThrownBy(() -> ControllerConfigLoader.parse("", tmp, Map.of("EDGELADDER_KEYS_PRIVATE", "k\uD800"),
        "controller.yaml")).isInstanceOf(ConfigException.class).hasMessageContaining("keys.private is not a valid path");
  }
}
