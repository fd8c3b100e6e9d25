package io.edgeladder.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A bench subcommand in a child JVM (same java, same classpath), started and awaited by its ready line. */
final class ChildJvm implements AutoCloseable {
  private final Process process;

  private ChildJvm(Process process) {
    this.process = process;
  }

  /**
   * Starts {@code java <jvmFlags> -cp <this classpath> BenchMain <args>} and waits for {@code readyLine}
   * on its stdout (the rest of its output is discarded).
   *
   * @throws IOException if it exits or stays silent for 30 s first
   */
  static ChildJvm start(List<String> jvmFlags, List<String> args, String readyLine) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(BenchMain.class.getName());
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    ChildJvm child = new ChildJvm(p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null) {
      if (line.contains(readyLine)) {
        drain(out);
        return child;
      }
      seen.append(line).append('\n');
      if (System.nanoTime() > deadline) {
        break;
      }
    }
    child.close();
    throw new IOException("child JVM " + args + " never printed '" + readyLine + "'; output:\n" + seen);
  }

  /** Keeps reading the child's output so a full pipe can never block it. */
  private static void drain(BufferedReader out) {
    Thread t = new Thread(() -> {
      try {
        while (out.readLine() != null) {
          // discarded: the child's only signal was its ready line
        }
      } catch (IOException ignored) {
        // the child exited
      }
    }, "bench-child-drain");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
