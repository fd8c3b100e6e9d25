package io.edgeladder.simulator;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code edgeladder-simulator}: {@code publish} vibration streams over MQTT, or write a labelled
 * {@code dataset} for training.
 */
@Command(
    name = "edgeladder-simulator",
    mixinStandardHelpOptions = true,
    description = "Vibration sensor simulator: MQTT publisher and labelled data-set writer.",
    subcommands = {PublishCommand.class, DatasetCommand.class})
public final class SimulatorCli implements Runnable {

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new SimulatorCli()).execute(args));
  }
}
