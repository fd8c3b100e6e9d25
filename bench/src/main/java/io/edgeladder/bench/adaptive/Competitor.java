package io.edgeladder.bench.adaptive;

import java.io.IOException;
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

  static Competitor start() throws IOException {
    Process p = new ProcessBuilder("sh", "-c", "while :; do :; done")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
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
