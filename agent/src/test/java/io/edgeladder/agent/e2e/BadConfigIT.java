package io.edgeladder.agent.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.agent.app.AgentMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The agent's command line on broken configurations: exit codes and what the operator is told. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadConfigIT {
  @TempDir Path dir;

  /** Exit code and everything printed, from one in-process run of {@link AgentMain}. */
  record Run(int exit, String out, String err) {}

  @Test
  void main_configWithManyProblems_exits2AndPrintsEveryProblemWithItsPath() throws Exception {
    Path yaml = dir.resolve("agent.yaml");
    Files.writeString(yaml, """
        agent:
          id: gw/7
        brokr:
          url: tcp://127.0.0.1:1883
        inference:
          workers: 0
          optimization: max
        pipelines:
          - name: pump-1
            topic: sensors/pump-1/vibration
            format: raw-f32le
            channels: [x, y, z]
            sampleRateHz: 8000
            model: %1$s
            hop: -3
          - name: pump-2
            topic: sensors/pump-2/vibration
            channels: [x, y, z]
            sampleRateHz: 10000
            model: %1$s
          - name: pump-2
            topic: sensors/pump-2/vibration
            channels: [x, y, z]
            sampleRateHz: 10000
            model: %1$s
          - name: pump-4
            topic: sensors/pump-4/#/vibration
            format: csv
            channels: [x, y, z]
            sampleRateHz: 10000
            model: missing/model-card.json
        """.formatted(E2e.MODEL_CARD));

    Run run = run("--config", yaml.toString());

    assertThat(run.exit()).as("exit code; stderr: %s", run.err()).isEqualTo(2);
    assertThat(run.err()).contains(yaml.toString())
        .contains("agent.id")
        .contains("'brokr'").contains("did you mean 'broker'")
        .contains("inference.workers")
        .contains("inference.optimization").contains("'max'")
        .contains("pipelines[0].sampleRateHz").contains("8000")
        .contains("pipelines[0].hop").contains("-3")
        .contains("pipelines[2].name").contains("'pump-2' is already used by pipelines[1]")
        .contains("pipelines[2].topic")
        .contains("pipelines[3].topic").contains("sensors/pump-4/#/vibration")
        .contains("pipelines[3].format").contains("csv")
        .contains("pipelines[3].model").contains("missing");
    System.out.println("BadConfigIT, what the operator sees:\n" + run.err());
  }

  @Test
  void main_checkOnBrokenConfig_exits2() throws Exception {
    Path yaml = dir.resolve("agent.yaml");
    Files.writeString(yaml, "agent:\n  id: gw-7\npipelines: []\n");

    Run run = run("--check", "--config", yaml.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("pipelines");
  }

  @Test
  void main_checkOnValidConfig_exits0() throws Exception {
    Path yaml = dir.resolve("agent.yaml");
    Files.writeString(yaml, E2e.yaml("gw-7", "tcp://127.0.0.1:1883", 1, 8,
        E2e.Pipe.of("pump-1", "raw-f32le", 50)));

    Run run = run("--check", "--config", yaml.toString());

    assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
    assertThat(run.out()).contains("OK").contains("1 pipeline");
  }

  @Test
  void main_corruptModelFile_exits3NamingTheFile() throws Exception {
    Path models = Files.createDirectories(dir.resolve("models"));
    Files.copy(E2e.MODEL_CARD, models.resolve("model-card.json"));
    Path onnx = models.resolve("model.onnx");
    Files.copy(Path.of("..", "models", "fixtures", "truncated.onnx"), onnx);
    Path yaml = dir.resolve("agent.yaml");
    // Models load before the broker is dialled: the unreachable broker must not be what fails.
    Files.writeString(yaml, E2e.yaml("gw-7", "tcp://127.0.0.1:1", 1, 8,
            E2e.Pipe.of("pump-1", "raw-f32le", 50))
        .replace(E2e.MODEL_CARD.toString(), models.resolve("model-card.json").toString())
        .replace("port: 0", "port: -1"));

    Run run = run("--config", yaml.toString());

    assertThat(run.exit()).as("exit code; stderr: %s", run.err()).isEqualTo(3);
    assertThat(run.err()).contains(onnx.toAbsolutePath().normalize().toString());
    System.out.println("BadConfigIT, corrupt model: " + run.err());
  }

  @Test
  void main_brokerRefusesConnection_exits3NamingTheBroker() throws Exception {
    Path yaml = dir.resolve("agent.yaml");
    Files.writeString(yaml, E2e.yaml("gw-7", "tcp://127.0.0.1:1", 1, 8, E2e.Pipe.of("pump-1", "raw-f32le", 50))
        .replace("port: 0", "port: -1"));

    Run run = run("--config", yaml.toString());

    assertThat(run.exit()).as("exit code; stderr: %s", run.err()).isEqualTo(3);
    assertThat(run.err()).contains("tcp://127.0.0.1:1");
    System.out.println("BadConfigIT, broker refused: " + run.err());
  }

  private static Run run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(outBytes, true, UTF_8); PrintStream e = new PrintStream(errBytes, true, UTF_8)) {
      System.setOut(o);
      System.setErr(e);
      int exit = new CommandLine(new AgentMain()).execute(args);
      return new Run(exit, outBytes.toString(UTF_8), errBytes.toString(UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
