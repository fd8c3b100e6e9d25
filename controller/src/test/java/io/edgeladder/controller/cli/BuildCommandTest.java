package io.edgeladder.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.Precision;
import io.edgeladder.protocol.ladder.VariantEntry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BuildCommandTest {
  private static final Path ROOT = root();

  @TempDir
  Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = ControllerCli.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  private int build(Path ladder, String techniques) {
    return run("variants", "build", "--base", ROOT.resolve("models/vibration-cnn/model-card.json").toString(),
        "--validation", ROOT.resolve("models/data/validation").toString(), "--calibration-windows", "16",
        "--techniques", techniques, "--accuracy-budget", "1.5", "--out", ladder.toString(),
        "--warmup-runs", "2", "--timed-runs", "10");
  }

  @Test
  void build_threeTechniques_writesManifestFilesAndTable() throws Exception {
    Path ladder = tmp.resolve("ladder");

    int code = build(ladder, "int8-static,int8-dynamic,low-rank:rank=1000");

    assertThat(code).as(err.toString()).isZero();
    LadderManifest m = LadderManifest.read(ladder.resolve("ladder.json"));
    assertThat(m.model()).isEqualTo("vibration-cnn");
    assertThat(m.variants()).extracting(VariantEntry::id)
        .containsExactlyInAnyOrder("fp32", "int8-static", "int8-dynamic", "low-rank-rank-1000");
    for (VariantEntry e : m.variants()) {
      byte[] bytes = Files.readAllBytes(ladder.resolve(e.file()));
      assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))).isEqualTo(e.sha256());
      if (!e.accepted()) assertThat(e.rejectReason()).isNotBlank();
    }
    VariantEntry dynamic = m.variants().stream().filter(e -> e.id().equals("int8-dynamic")).findFirst().orElseThrow();
    // Convolutions stay fp32 under dynamic quantization: the entry must not claim full int8
    assertThat(dynamic.precision()).isEqualTo(Precision.MIXED);
    assertThat(err.toString()).contains("[1/3] int8-static … ").contains("[3/3] low-rank:rank=1000 … ")
        .contains("[eval 4/4] ");
    assertThat(out.toString()).contains("ladder vibration-cnn  (4 variants")
        .containsPattern("low-rank-rank-1000\\s+rejected .*technique did not change the model")
        .contains("wrote " + ladder.toAbsolutePath().resolve("ladder.json"));
  }

  @Test
  void build_unknownTechnique_exitsTwoWithoutOutput() {
    Path ladder = tmp.resolve("ladder");

    int code = build(ladder, "int8-static,distill:0.5");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("unknown technique 'distill' in 'distill:0.5'").contains("known: [");
    assertThat(ladder).doesNotExist();
  }

  @Test
  void build_outputExists_exitsOneAndKeepsIt() throws Exception {
    Path ladder = Files.createDirectories(tmp.resolve("ladder"));

    int code = build(ladder, "prune:0.5");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("error: ").contains("ladder output folder exists");
    assertThat(ladder).isEmptyDirectory();
  }

  private static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("models/vibration-cnn"))) p = p.getParent();
    if (p == null) throw new IllegalStateException("tests: cannot find models/vibration-cnn");
    return p;
  }
}
