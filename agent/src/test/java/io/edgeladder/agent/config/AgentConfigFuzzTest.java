package io.edgeladder.agent.config;

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
 * {@code agent.yaml} fuzzing (issue 6): the shipped configs mutated line by line and as trees, with hostile
 * environment overrides, through {@link ConfigLoader#parse}. Each one is either a config or a
 * {@link ConfigException} listing at least one problem, each a sentence (not a leaked exception); nothing
 * else is thrown.
 */
@AddLifecycleHook(FuzzTriesHook.class)
class AgentConfigFuzzTest {
  private static final Path CONFIGS = Path.of("..", "configs").toAbsolutePath().normalize();
  private static final String[] ENV_NAMES = {"EDGELADDER_BROKER_URL", "EDGELADDER_PIPELINES_0_DEADLINE_MS",
      "EDGELADDER_PIPELINES_0_CHANNELS", "EDGELADDER_PIPELINES_9_NAME", "EDGELADDER_INFERENCE_WORKERS",
      "EDGELADDER_AGENT_ID", "EDGELADDER_FOO", "EDGELADDER_", "EDGELADDER_MONITOR_POWER_HARVEST_TRACE",
      "EDGELADDER_CONTROL_PUBLIC_KEY", "EDGELADDER_ADAPTIVE_STATE_DIR", "EDGELADDER_PIPELINES__NAME",
      "EDGELADDER_BROKER_PASSWORD_FILE", "EDGELADDER_BROKER_TLS_CA_FILE", "EDGELADDER_BROKER_TLS_CERT_FILE",
      "EDGELADDER_BROKER_TLS_KEY_FILE", "EDGELADDER_BROKER_TLS_VERIFY_HOSTNAME"};
  private static final String[] ENV_VALUES = {"", "~", "null", "42", "-1", "abc", "[x, y", "{a: 1}", "tcp://h:1",
      "a\u0000b", "\uD800", "1e400", "[x, y, z, w]", "../../etc", "x".repeat(300), "ssl://127.0.0.1:8883",
      "agent.yaml", "../models/fixtures/tiny-conv.onnx", "../models/fixtures/not-onnx.onnx", "/dev/null", "missing.pem"};

  private Tally tally;

  @Property(shrinking = ShrinkingMode.OFF)
  @FuzzTries(shortPass = 2_000, fullPass = 30_000)
  void parse_mutatedAgentYaml_configOrProblems(@ForAll("agentYaml") Payload p, @ForAll("env") Map<String, String> env) {
    check(p, env, CONFIGS);
  }

  @Property(shrinking = ShrinkingMode.OFF)
  @FuzzTries(shortPass = 2_000, fullPass = 15_000)
  void parse_mutatedFleetYaml_configOrProblems(@ForAll("fleetYaml") Payload p) {
    check(p, Map.of(), CONFIGS.resolve("fleet"));
  }

  @Provide
  Arbitrary<Payload> agentYaml() {
    return YamlMutator.of(read(CONFIGS.resolve("agent.yaml"))).payloads();
  }

  @Provide
  Arbitrary<Payload> fleetYaml() {
    return YamlMutator.of(read(CONFIGS.resolve("fleet/gw-a.yaml"))).payloads();
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

  private void check(Payload p, Map<String, String> env, Path baseDir) {
    if (tally == null) tally = new Tally("agent-config");
    String yaml = new String(p.bytes(), StandardCharsets.UTF_8);
    try {
      ConfigLoader.parse(yaml, baseDir, env);
      tally.accepted();
    } catch (ConfigException e) {
      if (e.problems().isEmpty()) throw new AssertionError("ConfigException without problems\ninput " + p);
      for (String problem : e.problems()) {
        if (problem == null || problem.isBlank() || problem.startsWith("java.") || problem.contains("Exception:")) {
          throw new AssertionError("problem is not a sentence naming a key: " + problem + "\ninput " + p + "\nenv " + env, e);
        }
      }
      String first = e.problems().get(0);
      tally.rejected(first.startsWith("invalid YAML") ? "yaml" : first.startsWith("unknown key") ? "unknown-key"
          : "value");
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
