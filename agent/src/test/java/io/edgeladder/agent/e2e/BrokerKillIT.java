package io.edgeladder.agent.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgeladder.agent.app.Agent;
import io.edgeladder.broker.MosquittoProcess;
import io.edgeladder.simulator.paho.PahoPublisher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6: kill -9 a real, persistent Mosquitto during a 1 000 windows/s stream and start it again a few
 * seconds later: every result the agent published reaches a persistent-session subscriber (checked by
 * sequence number); duplicates are counted and printed.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class BrokerKillIT {
  private static final String AGENT = "kill-gw";
  private static final Duration OUTAGE = Duration.ofSeconds(3);

  @TempDir Path spoolDir;
  private MosquittoProcess mosquitto;
  private Agent agent;
  private DurableCollector collector;
  private PahoPublisher feed;

  @AfterEach
  void tearDown() {
    if (feed != null) feed.close();
    if (agent != null) agent.close();
    if (collector != null) collector.close();
    if (mosquitto != null) mosquitto.close();
  }

  @Test
  void brokerKilledAndRestarted_duringStream_loses0Results() throws Exception {
    assumeTrue(MosquittoProcess.available(), "mosquitto not found: apt-get install -y mosquitto");
    mosquitto = MosquittoProcess.startPersistent(List.of());
    collector = DurableCollector.start(mosquitto.url(), AGENT);
    Thread.sleep(2_500); // the collector's session reaches the broker's disk (autosave every second)
    agent = E2e.start(FaultRig.config(AGENT, mosquitto.url(), spoolDir));
    feed = PahoPublisher.connect(mosquitto.url(), "kill-feed", 0, 10);

    AtomicLong downMillis = new AtomicLong();
    long fed = FaultRig.feed(feed, FaultRig.DURATION.dividedBy(3), () -> {
      long t0 = System.nanoTime();
      mosquitto.kill();
      sleep(OUTAGE);
      mosquitto.restart();
      downMillis.set((System.nanoTime() - t0) / 1_000_000);
    });
    FaultRig.Books books = FaultRig.settle(agent, collector);
    System.out.printf("BrokerKillIT: %d s at %d msg/s, fed %d (feed dropped %d while the broker was down);"
            + " broker down %d ms (kill -9, restart); %s%n", FaultRig.DURATION.toSeconds(), FaultRig.RATE, fed,
        feed.dropped(), downMillis.get(), books);
    books.check();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
