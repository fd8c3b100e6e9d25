package io.edgeladder.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar bench/target/edgeladder-bench.jar <benchmark>}: timing claims live here, never in tests. */
@Command(name = "edgeladder-bench", mixinStandardHelpOptions = true,
    description = "EdgeLadder benchmarks: every figure beside a reference measured in the same run.",
    subcommands = {E2eCommand.class, EchoServerCommand.class, io.edgeladder.bench.ladder.LadderCommand.class,
        io.edgeladder.bench.adaptive.AdaptiveCommand.class, io.edgeladder.bench.adaptive.AgentWithSwapsCommand.class,
        io.edgeladder.bench.fleet.FleetCommand.class, io.edgeladder.bench.soak.SoakCommand.class})
public final class BenchMain implements Runnable {
  public static void main(String[] args) {
    // HiveMQ's jar ships its own logback.xml; naming ours explicitly avoids logback's "multiple
    // configurations" status dump on stdout, which is the bench's report.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "edgeladder-bench-logback.xml");
    }
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
