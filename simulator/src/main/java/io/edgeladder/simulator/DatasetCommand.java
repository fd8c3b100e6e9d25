package io.edgeladder.simulator;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dataset}: writes windows.f32, labels.u8 and meta.json (see {@link DatasetWriter}). */
@Command(name = "dataset", mixinStandardHelpOptions = true,
    description = "Write a balanced, labelled data set of vibration windows.")
final class DatasetCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "Output folder.")
  Path out;

  @Option(names = "--windows-per-class", defaultValue = "2000", description = "Windows per condition (default ${DEFAULT-VALUE}).")
  int windowsPerClass;

  @Option(names = "--window", defaultValue = "1024", description = "Frames per window (default ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--sample-rate", defaultValue = "10000", description = "Sample rate, Hz (default ${DEFAULT-VALUE}).")
  double sampleRate;

  @Option(names = "--seed", defaultValue = "7", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--machines", defaultValue = "8", description = "Machine instances (default ${DEFAULT-VALUE}).")
  int machines;

  @Override
  public Integer call() throws Exception {
    DatasetSpec spec = DatasetSpec.of(windowsPerClass, window, sampleRate, seed).withMachines(machines);
    long start = System.nanoTime();
    new DatasetWriter(spec).write(out);
    System.out.printf("wrote %d windows of 3 x %d to %s in %.1f s%n",
        spec.count(), window, out, (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
