package io.edgeladder.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgeladder.agent.app.Agent;
import io.edgeladder.broker.FaultProxy;
import io.edgeladder.broker.MosquittoProcess;
import io.edgeladder.simulator.paho.PahoPublisher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6: a network partition between the agent and a real Mosquitto (a proxy that keeps the sockets
 * open and drops every byte for {@link #PARTITION}, then heals) while the sensors keep streaming 1 000
 * windows/s straight to the broker: the results made during the partition wait in the spool and every
 * one reaches the subscriber afterwards.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class PartitionIT {
  private static final String AGENT = "part-gw";
  private static final Duration PARTITION = Duration.ofSeconds(10);

  @TempDir Path spoolDir;
  private MosquittoProcess mosquitto;
  private FaultProxy proxy;
  private Agent agent;
  private DurableCollector collector;
  private PahoPublisher feed;

  @AfterEach
  void tearDown() {
    if (feed != null) feed.close();
    if (agent != null) agent.close();
    if (collector != null) collector.close();
    if (proxy != null) proxy.close();
    if (mosquitto != null) mosquitto.close();
  }

  @Test
  void partitionThenHeal_duringStream_loses0Results() throws Exception {
    assumeTrue(MosquittoProcess.available(), "mosquitto not found: apt-get install -y mosquitto");
    mosquitto = MosquittoProcess.startPersistent(List.of());
    proxy = FaultProxy.to(mosquitto.url());
    collector = DurableCollector.start(mosquitto.url(), AGENT);
    agent = E2e.start(FaultRig.config(AGENT, proxy.url(), spoolDir));
    feed = PahoPublisher.connect(mosquitto.url(), "part-feed", 0, 10);

    long fed = FaultRig.feed(feed, FaultRig.DURATION.dividedBy(3), () -> {
      proxy.blackhole();
      try {
        Thread.sleep(PARTITION.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      proxy.heal();
    });
    FaultRig.Books books = FaultRig.settle(agent, collector);
    System.out.printf("PartitionIT: %d s at %d msg/s, fed %d; partition %d ms (%d KiB blackholed); %s%n",
        FaultRig.DURATION.toSeconds(), FaultRig.RATE, fed, PARTITION.toMillis(), proxy.droppedBytes() >> 10, books);
    books.check();
    assertThat(proxy.droppedBytes()).as("the partition dropped traffic").isPositive();
  }
}
