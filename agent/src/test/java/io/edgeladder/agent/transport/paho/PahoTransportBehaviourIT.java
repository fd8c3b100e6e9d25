package io.edgeladder.agent.transport.paho;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.broker.EmbeddedBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Paho-specific behaviour and figures against the embedded HiveMQ: latency, rate, metrics, threads. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PahoTransportBehaviourIT {
  private static EmbeddedBroker broker;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort());
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private PahoTransport connect(String id) throws Exception {
    PahoTransport transport =
        PahoTransport.create(PahoTransportOptions.of(broker.url(), id, id), registry);
    transport.connect().get(10, TimeUnit.SECONDS);
    return transport;
  }

  @Test
  void roundTrip_qos1OnLoopback_medianWellBelowNagleDelay() throws Exception {
    try (PahoTransport transport = connect("rtt")) {
      AtomicInteger seen = new AtomicInteger();
      transport.subscribe("perf/rtt", 1, (topic, payload) -> seen.incrementAndGet())
          .get(10, TimeUnit.SECONDS);
      long[] micros = new long[300];
      byte[] payload = new byte[64];
      for (int i = 0; i < micros.length; i++) {
        long start = System.nanoTime();
        transport.publish("perf/rtt", payload, payload.length, 1, false);
        while (seen.get() <= i) {
          Thread.onSpinWait();
          if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(5)) {
            throw new AssertionError("message " + i + " not back within 5 s");
          }
        }
        micros[i] = (System.nanoTime() - start) / 1000;
      }
      long[] steady = Arrays.copyOfRange(micros, 50, micros.length); // skip JIT warm-up
      Arrays.sort(steady);
      long p50 = steady[steady.length / 2];
      long p99 = steady[steady.length * 99 / 100];
      System.out.printf("publish->receive round trip (HiveMQ, QoS 1, 64 B): p50 %d us, p99 %d us%n", p50, p99);
      // Nagle's algorithm with delayed ACKs costs ~35-40 ms per round trip on loopback.
      assertThat(p50).isLessThan(20_000);
    }
  }

  @Test
  void stream_1000PerSecondQos1For3s_allDeliveredNoneRejected() throws Exception {
    try (PahoTransport subscriber = connect("rate-sub"); PahoTransport publisher = connect("rate-pub")) {
      int total = 3_000;
      CountDownLatch received = new CountDownLatch(total);
      subscriber.subscribe("perf/rate", 1, (topic, payload) -> received.countDown())
          .get(10, TimeUnit.SECONDS);
      byte[] payload = new byte[256];
      List<CompletableFuture<Void>> sent = new ArrayList<>(total);
      long start = System.nanoTime();
      for (int burst = 0; burst < total / 100; burst++) {
        long due = start + TimeUnit.MILLISECONDS.toNanos(100L * burst);
        while (System.nanoTime() < due) {
          Thread.sleep(1);
        }
        for (int i = 0; i < 100; i++) {
          sent.add(publisher.publish("perf/rate", payload, payload.length, 1, false));
        }
      }
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
      assertThat(received.await(20, TimeUnit.SECONDS)).isTrue();
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("%d QoS 1 messages of 256 B delivered in %.2f s%n", total, seconds);
      assertThat(registry.find("edge.transport.publish.failed").counters())
          .allSatisfy(counter -> assertThat(counter.count()).isZero());
      assertThat(registry.get("edge.transport.messages.in").tags("client", "rate-sub").counter().count())
          .isEqualTo(total);
      assertThat(registry.get("edge.transport.bytes.out").tags("client", "rate-pub").counter().count())
          .isGreaterThanOrEqualTo(total * 256.0);
    }
  }

  @Test
  void handlerThrows_countedInHandlerErrors() throws Exception {
    try (PahoTransport transport = connect("errors")) {
      CountDownLatch after = new CountDownLatch(1);
      transport.subscribe("perf/bad", 1, (topic, payload) -> {
        throw new IllegalStateException("handler bug (expected in this test)");
      }).get(10, TimeUnit.SECONDS);
      transport.subscribe("perf/good", 1, (topic, payload) -> after.countDown())
          .get(10, TimeUnit.SECONDS);
      transport.publish("perf/bad", new byte[1], 1, 1, false).get(10, TimeUnit.SECONDS);
      transport.publish("perf/good", new byte[1], 1, 1, false).get(10, TimeUnit.SECONDS);
      assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(registry.get("edge.transport.handler.errors").counter().count()).isEqualTo(1);
    }
  }

  @Test
  void close_whileReconnecting_leavesNoPahoThreads() throws Exception {
    try (EmbeddedBroker doomed = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort())) {
      PahoTransport transport = PahoTransport.create(
          PahoTransportOptions.of(doomed.url(), "doomed-client", "doomed"), registry);
      transport.connect().get(10, TimeUnit.SECONDS);
      doomed.stop();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (transport.isConnected() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(transport.isConnected()).isFalse();
      transport.close();
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!pahoThreads("doomed-client").isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(pahoThreads("doomed-client")).isEmpty();
      assertThat(registry.get("edge.transport.connection.lost").tags("client", "doomed-client")
          .counter().count()).isEqualTo(1);
    }
  }

  private static List<String> pahoThreads(String clientId) {
    List<String> names = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.isAlive() && thread.getName().contains(clientId)) {
        names.add(thread.getName());
      }
    }
    return names;
  }
}
