package io.edgeladder.controller.app;

import io.edgeladder.protocol.fuzz.FuzzTries;
import io.edgeladder.protocol.fuzz.FuzzTriesHook;
import io.edgeladder.protocol.fuzz.Payload;
import io.edgeladder.protocol.fuzz.Tally;
import io.edgeladder.protocol.fuzz.YamlMutator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * {@code controller.yaml} fuzzing (issue 6): the shipped configs mutated line by line and as trees, with
 * hostile environment overrides, through {@link ControllerConfigLoader#parse}: a config or a
 * {@link ConfigException} with at least one problem naming a key; nothing else is thrown.
 */
@AddLifecycleHook(FuzzTriesHook.class)
class ControllerConfigFuzzTest {
  private static final Path CONFIGS = Path.of("..", "configs").toAbsolutePath().normalize();
  private static final String[] ENV_NAMES = {"EDGELADDER_BROKER_URL", "EDGELADDER_DATA_DIR",
      "EDGELADDER_DATABASE_URL", "EDGELADDER_HTTP_PORT", "EDGELADDER_KEYS_PRIVATE", "EDGELADDER_FLEET_INGEST_LANES",
      "EDGELADDER_DISTRIBUTION_CHUNK_SIZE", "EDGELADDER_KEYS_GENERATE_IF_MISSING", "EDGELADDER_BROKER_PASSWORD_FILE",
      "EDGELADDER_BROKER_TLS_CA_FILE", "EDGELADDER_BROKER_TLS_KEY_FILE", "EDGELADDER_HTTP_TOKEN_FILE",
      "EDGELADDER_HTTP_TOKEN"};
  private static final String[] ENV_VALUES = {"", "null", "42", "-1", "abc", "a\u0000b", "\uD800", "1e400",
      "99999999999999999999", "jdbc:nope", "tcp://", "../../etc", "x".repeat(300), "ssl://127.0.0.1:8883",
      "controller.yaml", "../models/fixtures/tiny-conv.onnx", "/dev/null", "missing.pem"};

  private Tally tally;

  @Property(shrinking = ShrinkingMode.OFF)
  @FuzzTries(shortPass = 2_000, fullPass = 40_000)
  void parse_mutatedControllerYaml_configOrProblems(@ForAll("controllerYaml") Payload p,
      @ForAll("env") Map<String, String> env) {
    check(p, env);
  }

  @Property(shrinking = ShrinkingMode.OFF)
  @FuzzTries(shortPass = 1_000, fullPass = 20_000)
  void parse_mutatedDemoControllerYaml_configOrProblems(@ForAll("demoYaml") Payload p) {
    check(p, Map.of());
  }

  @Provide
  Arbitrary<Payload> controllerYaml() {
    return YamlMutator.of(read(CONFIGS.resolve("controller.yaml"))).payloads();
  }

  @Provide
  Arbitrary<Payload> demoYaml() {
    return YamlMutator.of(read(CONFIGS.resolve("demo-controller.yaml"))).payloads();
  }

  @Provide
  Arbitrary<Map<String, String>> env() {
    return Arbitraries.randomValue((Random r) -> r.nextInt(4) != 0 ? Map.<String, String>of()
        : Map.of(ENV_NAMES[r.nextInt(ENV_NAMES.length)], ENV_VALUES[r.nextInt(ENV_VALUES.length)]));
  }

  @AfterProperty
  void report() {
    if (tally != null) tally.print();
  }

  private void check(Payload p, Map<String, String> env) {
    if (tally == null) tally = new Tally("controller-config");
    String yaml = new String(p.bytes(), StandardCharsets.UTF_8);
    try {
      ControllerConfigLoader.parse(yaml, CONFIGS, env, "controller.yaml");
      tally.accepted();
    } catch (ConfigException e) {
      if (e.problems().isEmpty()) throw new AssertionError("ConfigException without problems\ninput " + p);
      for (String problem : e.problems()) {
        if (problem == null || problem.isBlank() || problem.startsWith("java.")) {
          throw new AssertionError("problem is not a sentence naming a key: " + problem + "\ninput " + p + "\nenv " + env, e);
        }
      }
      String first = e.problems().get(0);
      tally.rejected(first.startsWith("not YAML") ? "yaml" : first.startsWith("unknown key") ? "unknown-key" : "value");
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
