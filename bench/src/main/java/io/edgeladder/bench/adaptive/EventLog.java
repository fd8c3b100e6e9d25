package io.edgeladder.bench.adaptive;

import io.edgeladder.bench.BenchClient;
import io.edgeladder.protocol.AgentEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's events ({@code fleet/{agent}/events}) as they arrive: swaps and policy decisions, each with
 * the bench's monotonic arrival time. Threads: {@link #onMessage} on Paho's callback thread; readers take
 * a copy with {@link #events}.
 */
final class EventLog implements BenchClient.Listener {
  /** One event and when it arrived (bench monotonic nanos). */
  record Arrived(long nanos, AgentEvent event) {
    String type() {
      return event.type();
    }

    String detail(String key) {
      Object v = event.details().get(key);
      return v == null ? null : v.toString();
    }

    double number(String key) {
      Object v = event.details().get(key);
      return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
  }

  private final List<Arrived> events = new ArrayList<>(); // guarded by this
  private volatile long unreadable;

  @Override
  public void onMessage(String topic, byte[] payload, long nanos) {
    try {
      AgentEvent e = AgentEvent.parse(payload);
      synchronized (this) {
        events.add(new Arrived(nanos, e));
      }
    } catch (java.io.IOException e) {
      unreadable++;
    }
  }

  synchronized List<Arrived> events() {
    return List.copyOf(events);
  }

  /** Events of {@code type}, in arrival order. */
  List<Arrived> ofType(String type) {
    return events().stream().filter(a -> a.type().equals(type)).toList();
  }

  long unreadable() {
    return unreadable;
  }
}
