package io.edgeladder.bench.adaptive;

import io.edgeladder.agent.app.Agent;
import io.edgeladder.agent.app.AgentStartException;
import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.config.ConfigException;
import io.edgeladder.agent.config.ConfigLoader;
import io.edgeladder.agent.swap.LadderVariants;
import io.edgeladder.agent.swap.SwapOutcome;
import io.micrometer.core.instrument.Clock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The agent as {@code edgeladder-agent --config X} runs it ({@link Agent#start}, same wiring, same
 * threads), in the bench's child JVM, plus one thing the agent has no remote command for yet: lines
 * {@code swap <pipeline> <variant>} on standard input go to the agent's own swap manager
 * ({@code agent.adaptive().swaps()}), exactly as the policy's switches do. The outcome is logged; the
 * bench reads the {@code swap.*} events the manager publishes on {@code fleet/{agent}/events}.
 *
 * <p>Threads: main reads stdin until EOF (the bench closed the pipe); the JVM's exit (EOF or SIGTERM)
 * closes the agent in a shutdown hook.
 */
@Command(name = "adaptive-agent", hidden = true,
    description = "The agent (Agent.start) with swap commands on stdin; started by the adaptive bench.")
public final class AgentWithSwapsCommand implements Callable<Integer> {
  /** The agent's own tolerance for golden checks (AdaptiveWiring.GOLDEN_TOLERANCE). */
  static final float GOLDEN_TOLERANCE = 1e-3f;

  @Option(names = "--config", required = true)
  Path config;

  @Option(names = "--ladder", description = "ladder.json whose variants `swap` may name")
  Path ladder;

  @Override
  public Integer call() throws Exception {
    AgentConfig cfg;
    try {
      cfg = ConfigLoader.load(config, System.getenv());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    Agent agent;
    try {
      agent = Agent.start(cfg, Clock.SYSTEM);
    } catch (AgentStartException e) {
      System.err.println(e.getMessage());
      return 3;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "agent-shutdown"));
    LadderVariants variants = ladder == null ? null : LadderVariants.read(ladder, GOLDEN_TOLERANCE);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3 && f[0].equals("swap") && variants != null && agent.adaptive() != null) {
        try {
          agent.adaptive().swaps().swap(f[1], variants.spec(f[2]), "bench").thenAccept(AgentWithSwapsCommand::log);
        } catch (IllegalArgumentException e) {
          System.out.println("swap refused: " + e.getMessage());
        }
      } else if (!line.isBlank()) {
        System.out.println("ignored command '" + line + "' (needs `swap <pipeline> <variant>`, --ladder and an"
            + " adaptive agent)");
      }
    }
    return 0; // the bench closed the pipe: exiting runs the shutdown hook, which closes the agent
  }

  private static void log(SwapOutcome o) {
    System.out.printf("swap %s -> %s: %s in %.1f ms (flip %d us, drain %d us)%s%n", o.from(), o.to(), o.state(),
        o.totalNanos() / 1e6, o.flipNanos() / 1000, o.drainNanos() / 1000, o.reason() == null ? "" : ": " + o.reason());
  }
}
