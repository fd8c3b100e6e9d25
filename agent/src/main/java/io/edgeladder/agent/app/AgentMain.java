package io.edgeladder.agent.app;

import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.config.ConfigException;
import io.edgeladder.agent.config.ConfigLoader;
import io.micrometer.core.instrument.Clock;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edgeladder-agent --config agent.yaml}: runs an agent until SIGTERM/SIGINT. */
@Command(name = "edgeladder-agent", mixinStandardHelpOptions = true,
    description = "Runs the EdgeLadder gateway agent.")
public final class AgentMain implements Callable<Integer> {
  /** Exit code for an invalid configuration. */
  static final int EXIT_CONFIG = 2;
  /** Exit code for a start failure (model, broker, port). */
  static final int EXIT_START = 3;

  @Option(names = {"-c", "--config"}, description = "agent YAML (default: ${DEFAULT-VALUE})",
      defaultValue = "configs/agent.yaml")
  Path config;

  @Option(names = "--check", description = "validate the configuration and exit")
  boolean check;

  @Override
  public Integer call() throws Exception {
    AgentConfig cfg;
    try {
      cfg = ConfigLoader.load(config, System.getenv());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return EXIT_CONFIG;
    }
    if (check) {
      System.out.println(config + ": OK (" + cfg.pipelines().size() + " pipeline(s))");
      return 0;
    }
    Agent agent;
    try {
      agent = Agent.start(cfg, Clock.SYSTEM);
    } catch (AgentStartException e) {
      System.err.println(e.getMessage());
      return EXIT_START;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      agent.close();
      stopped.countDown();
    }, "agent-shutdown"));
    stopped.await();
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new AgentMain()).execute(args));
  }
}
