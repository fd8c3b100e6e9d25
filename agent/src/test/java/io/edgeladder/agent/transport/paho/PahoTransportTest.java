package io.edgeladder.agent.transport.paho;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.agent.transport.TransportException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Behaviour that needs no broker: nothing listens on port 1 of the loopback interface. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PahoTransportTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private PahoTransport unreachable() {
    return PahoTransport.create(PahoTransportOptions.of("tcp://127.0.0.1:1", "gw-01", "gw-01"), registry);
  }

  @Test
  void connect_nothingListening_failsNamingUrlClientAndReason() throws Exception {
    try (PahoTransport transport = unreachable()) {
      CompletableFuture<Void> connected = transport.connect();
      assertThat(connected).failsWithin(20, TimeUnit.SECONDS)
          .withThrowableOfType(ExecutionException.class)
          .havingCause()
          .isInstanceOf(TransportException.class)
          .withMessage("cannot connect to tcp://127.0.0.1:1 as gw-01: Connection refused");
      assertThat(transport.isConnected()).isFalse();
    }
  }

  @Test
  void publish_neverConnected_failsAtOnceAndCountsDisconnected() {
    try (PahoTransport transport = unreachable()) {
      CompletableFuture<Void> published = transport.publish("a/b", new byte[] {1, 2}, 2, 1, false);

      assertThat(published).isCompletedExceptionally();
      assertThat(published).failsWithin(0, TimeUnit.SECONDS)
          .withThrowableOfType(ExecutionException.class)
          .havingCause()
          .isInstanceOf(TransportException.class)
          .withMessageContaining("not connected");
      assertThat(registry.get("edge.transport.publish.failed")
          .tags("client", "gw-01", "reason", "disconnected").counter().count()).isEqualTo(1);
    }
  }

  @Test
  void subscribe_neverConnected_failsAtOnce() {
    try (PahoTransport transport = unreachable()) {
      assertThat(transport.subscribe("a/#", 0, (topic, payload) -> { }))
          .isCompletedExceptionally();
    }
  }

  @Test
  void connect_afterClose_failsAtOnce() {
    PahoTransport transport = unreachable();
    transport.close();
    transport.close(); // idempotent
    assertThat(transport.connect()).isCompletedExceptionally();
  }
}
