package io.edgeladder.bench.adaptive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeladder.bench.BenchClient;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's telemetry ({@code fleet/{agent}/telemetry}) as it arrives: battery level and system CPU.
 * Threads: {@link #onMessage} on Paho's callback thread; readers take a copy.
 */
final class TelemetryLog implements BenchClient.Listener {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param nanos bench monotonic arrival time
   * @param batteryPercent battery level, NaN when the message had none
   * @param systemCpuPercent CPU busy over all cores, NaN when absent
   */
  record Sample(long nanos, double batteryPercent, double systemCpuPercent) {}

  private final List<Sample> samples = new ArrayList<>(); // guarded by this
  private volatile long unreadable;

  @Override
  public void onMessage(String topic, byte[] payload, long nanos) {
    try {
      JsonNode t = JSON.readTree(payload);
      Sample s = new Sample(nanos, number(t.path("power").path("batteryPercent")),
          number(t.path("cpu").path("systemPercent")));
      synchronized (this) {
        samples.add(s);
      }
    } catch (java.io.IOException e) {
      unreadable++;
    }
  }

  private static double number(JsonNode n) {
    return n.isNumber() ? n.asDouble() : Double.NaN;
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  /** The last battery level reported, NaN when none was. */
  double lastBatteryPercent() {
    List<Sample> all = samples();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (!Double.isNaN(all.get(i).batteryPercent())) {
        return all.get(i).batteryPercent();
      }
    }
    return Double.NaN;
  }

  long unreadable() {
    return unreadable;
  }
}
