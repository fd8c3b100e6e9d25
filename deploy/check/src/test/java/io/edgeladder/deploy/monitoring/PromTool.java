package io.edgeladder.deploy.monitoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Prometheus' {@code promtool} (Debian package {@code prometheus}: /usr/bin/promtool). */
final class PromTool {
  static final Path BINARY = Path.of("/usr/bin/promtool");

  /** Exit code and combined stdout + stderr of one run. */
  record Run(int exitCode, String output) {}

  private PromTool() {}

  static Run run(String... args) throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new IOException(BINARY + " not found: apt-get install prometheus (.ci/run installs it)");
    }
    List<String> cmd = new ArrayList<>(List.of(BINARY.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("promtool " + String.join(" ", args) + " did not finish within 60 s");
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
