package io.edgeladder.demo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link HogMain} child JVM on the demo's own class path. {@link #close()} closes its standard input
 * (it exits) and waits up to 5 s before destroying it. Owned by the thread that started it.
 */
final class HogProcess implements AutoCloseable {
  private final Process process;
  private final int cores;

  private HogProcess(Process process, int cores) {
    this.process = process;
    this.cores = cores;
  }

  /** Starts a child JVM burning {@code cores} cores. */
  static HogProcess start(int cores) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java, "-Xmx16m", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), HogMain.class.getName(), Integer.toString(cores));
    Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).directory(new File(".")).start();
    return new HogProcess(p, cores);
  }

  long pid() {
    return process.pid();
  }

  int cores() {
    return cores;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
