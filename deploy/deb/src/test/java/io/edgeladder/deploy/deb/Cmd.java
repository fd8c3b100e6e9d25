package io.edgeladder.deploy.deb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command run to completion, its output (stdout and stderr merged) kept in a file. */
final class Cmd {
  private static final long TIMEOUT_SECONDS = 300;

  private Cmd() {}

  /** Exit code and output of one run. */
  record Result(List<String> command, int exit, String out) {
    /** This result, or an AssertionError with the command and its output when it exited non-zero. */
    Result ok() {
      if (exit != 0) throw new AssertionError(String.join(" ", command) + " exited " + exit + ":\n" + out);
      return this;
    }
  }

  static Result run(String... command) throws IOException, InterruptedException {
    return run(List.of(command), Map.of(), null);
  }

  /** Runs {@code command} with {@code env} added to this JVM's environment, in {@code dir} (null: here). */
  static Result run(List<String> command, Map<String, String> env, Path dir) throws IOException, InterruptedException {
    Path log = Files.createTempFile("cmd", ".log");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().putAll(env);
      if (dir != null) pb.directory(dir.toFile());
      Process p = pb.start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " still running after " + TIMEOUT_SECONDS + " s");
      }
      return new Result(command, p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
