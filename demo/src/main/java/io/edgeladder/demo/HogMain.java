package io.edgeladder.demo;

import io.edgeladder.agent.monitor.sim.CpuHog;
import java.io.IOException;
import java.time.Duration;

/**
 * The demo's competing process: burns {@code args[0]} cores with a {@link CpuHog} until its standard
 * input closes (the demo closes it to stop the hog, and the OS closes it if the demo dies), so the agent's
 * monitor sees the load as another process's, not its own.
 */
public final class HogMain {
  private HogMain() {}

  public static void main(String[] args) throws IOException {
    int cores = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    try (CpuHog hog = CpuHog.start(cores, Duration.ofDays(1))) {
      while (System.in.read() >= 0) {
        // wait for end of input
      }
    }
  }
}
