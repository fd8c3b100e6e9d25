package io.edgeladder.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar bench/target/edgeladder-bench.jar <benchmark>}: timing claims live here, never in tests. */
@Command(name = "edgeladder-bench", mixinStandardHelpOptions = true,
    description = "EdgeLadder benchmarks: every figure beside a reference measured in the same run.",
    subcommands = {E2eCommand.class})
public final class BenchMain implements Runnable {
  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
