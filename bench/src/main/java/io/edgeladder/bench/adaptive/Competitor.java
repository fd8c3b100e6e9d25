package io.edgeladder.bench.adaptive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The competing process of the contention scenario: {@code sh -c 'while :; do :; done'}, one busy
 * thread, i.e. one core's worth of demand, in its own process (not a thread of the bench or the agent:
 * the agent's monitor must see it as another process's load). {@link #close} kills it (its pid only).
 */
final class Competitor implements AutoCloseable {
  private final Process process;

  private Competitor(Process process) {
    this.process = process;
  }

  /** Starts it unpinned, at the bench's priority. */
  static Competitor start() throws IOException {
    return start(-1, 0);
  }

  /**
   * Starts it, pinned to {@code cpu} with {@code taskset} when {@code cpu >= 0}: a process that occupies that
   * core instead of taking a per-thread share of every core.
   */
  static Competitor start(int cpu, int nice) throws IOException {
    List<String> cmd = new ArrayList<>();
    if (nice != 0) {
      // coreutils nice runs the command anyway (at the current priority) when raising it is not permitted
      cmd.addAll(List.of("nice", "-n", Integer.toString(nice)));
    }
    if (cpu >= 0) {
      cmd.addAll(List.of("taskset", "-c", Integer.toString(cpu)));
    }
    cmd.addAll(List.of("sh", "-c", "while :; do :; done"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    return new Competitor(p);
  }

  long pid() {
    return process.pid();
  }

  /** CPU seconds the competitor got so far (what it really took from the agent). */
  double cpuSeconds() {
    return ProcCpu.seconds(process.pid());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
