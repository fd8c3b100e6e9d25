package io.edgeladder.agent.e2e;

import io.edgeladder.agent.app.Agent;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Whether an agent has settled: no message for a while, no window queued, and on every pipeline each
 * window cut is accounted for ({@code windowsIn == windowsOut + shed + inferenceFailures}). Polled from
 * one test thread.
 */
final class Quiescence {
  private final Agent agent;
  private final Duration quiet;
  private long lastMessagesIn = -1;
  private long lastChange;

  /** @param quiet how long no message may arrive before the broker counts as drained */
  Quiescence(Agent agent, Duration quiet) {
    this.agent = agent;
    this.quiet = quiet;
  }

  boolean reached() {
    Map<String, Object> status = agent.status();
    List<?> pipelines = (List<?>) status.get("pipelines");
    long messages = 0;
    for (Object p : pipelines) {
      messages += number(p, "messagesIn");
    }
    long now = System.nanoTime();
    if (messages != lastMessagesIn) {
      lastMessagesIn = messages;
      lastChange = now;
      return false;
    }
    if (now - lastChange < quiet.toNanos() || number(status.get("queue"), "depth") != 0) {
      return false;
    }
    for (Object p : pipelines) {
      long shed = 0;
      for (Object v : ((Map<?, ?>) ((Map<?, ?>) p).get("shed")).values()) {
        shed += ((Number) v).longValue();
      }
      if (number(p, "windowsIn") != number(p, "windowsOut") + shed + number(p, "inferenceFailures")) {
        return false;
      }
    }
    return true;
  }

  private static long number(Object map, String key) {
    return ((Number) ((Map<?, ?>) map).get(key)).longValue();
  }
}
