package io.edgeladder.controller.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve --config FILE}: runs the controller until the process is stopped (SIGTERM / Ctrl-C close it
 * cleanly). Exit codes: 1 for a bad config (every problem listed), unreadable keys, an unreachable database
 * or broker.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the fleet controller (registry, desired state, release distribution).")
public final class ServeCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "controller.yaml")
  private Path config;

  @Option(names = "--connect-timeout", defaultValue = "60", paramLabel = "SECONDS",
      description = "how long to wait for the broker at start (default: ${DEFAULT-VALUE})")
  private long connectTimeoutSeconds;

  @Override
  public Integer call() throws Exception {
    ControllerConfig cfg = ControllerConfigLoader.load(config, System.getenv());
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT); // for /api/v1/metrics
    Controller controller = Controller.start(cfg, meters, Clock.systemUTC(), Duration.ofSeconds(connectTimeoutSeconds));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      controller.close();
      stopped.countDown();
    }, "controller-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("controller " + cfg.broker().clientId() + " serving: broker " + cfg.broker().brokerUrl()
        + ", database " + cfg.database().jdbcUrl() + ", signing key " + controller.keyId()
        + (controller.apiPort() < 0 ? "" : ", REST API http://" + cfg.http().host() + ":" + controller.apiPort()
            + "/api/v1 (bearer token " + (java.nio.file.Files.exists(cfg.http().tokenFile())
                ? "in " + cfg.http().tokenFile() : "from EDGELADDER_HTTP_TOKEN") + ")"));
    out.flush();
    stopped.await();
    return 0;
  }
}
