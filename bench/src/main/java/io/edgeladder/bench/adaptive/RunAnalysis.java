package io.edgeladder.bench.adaptive;

import io.edgeladder.bench.PipelineCounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a measured phase of an {@link AgentSession} into {@link RunFigures}. Windows are placed in time by
 * the send of the message that closed them.
 */
final class RunAnalysis {
  static final double RECOVERED_BELOW = 0.01;

  private RunAnalysis() {}

  /**
   * @param firstWindow first window of the phase
   * @param endWindow one past its last window
   * @param phaseStartNanos start of the phase (bench monotonic)
   * @param eventNanos the event the phase is split at (competitor start), or 0 for none
   * @param cpuSeconds agent CPU over the phase
   * @param battery simulated battery at the start and end of the phase (percent; NaN without one)
   * @param counts the agent's counters over the phase
   * @param competitorCores CPU seconds the competitor got per second it ran, NaN without one
   */
  static RunFigures of(String name, String pinned, AgentSession s, long firstWindow, long endWindow,
      long phaseStartNanos, long eventNanos, double cpuSeconds, double[] battery, PipelineCounts counts,
      double competitorCores) {
    ResultLedger ledger = s.ledger();
    LabelledFeed feed = s.feed();
    long served = 0;
    long late = 0;
    long[] missesBeforeAfter = new long[2];
    long[] windowsBeforeAfter = new long[2];
    List<long[]> perSecond = new ArrayList<>(); // {windows, misses}
    Map<String, long[]> byVariant = new LinkedHashMap<>(); // {served, labelled, correct}
    long labelled = 0;
    long correct = 0;
    for (long w = firstWindow; w < endWindow; w++) {
      long closed = s.sentNanos(feed.closingMessage(w));
      boolean answered = ledger.receivedNanos(w) != 0;
      boolean missed = !answered || !ledger.deadlineMet(w);
      int second = (int) Math.max(0, (closed - phaseStartNanos) / 1_000_000_000L);
      while (perSecond.size() <= second) {
        perSecond.add(new long[2]);
      }
      perSecond.get(second)[0]++;
      int half = eventNanos != 0 && closed >= eventNanos ? 1 : 0;
      windowsBeforeAfter[half]++;
      if (missed) {
        perSecond.get(second)[1]++;
        missesBeforeAfter[half]++;
      }
      if (!answered) {
        continue;
      }
      served++;
      if (!ledger.deadlineMet(w)) {
        late++;
      }
      long[] v = byVariant.computeIfAbsent(ledger.variant(w), k -> new long[3]);
      v[0]++;
      int label = feed.label(w);
      if (label >= 0) {
        labelled++;
        v[1]++;
        if (ledger.topIndex(w) == label) {
          correct++;
          v[2]++;
        }
      }
    }
    long windows = endWindow - firstWindow;
    List<Double> rates = perSecond.stream().map(c -> c[0] == 0 ? 0.0 : (double) c[1] / c[0]).toList();
    Map<String, Double> share = new LinkedHashMap<>();
    Map<String, Double> accuracy = new LinkedHashMap<>();
    for (var e : byVariant.entrySet()) {
      share.put(e.getKey(), served == 0 ? 0 : (double) e.getValue()[0] / served);
      accuracy.put(e.getKey(), e.getValue()[1] == 0 ? Double.NaN : (double) e.getValue()[2] / e.getValue()[1]);
    }
    double recovery = Double.NaN;
    if (eventNanos != 0) {
      recovery = recoverySeconds(ratesFrom(s, firstWindow, endWindow, eventNanos));
    }
    return new RunFigures(name, pinned, windows, served, late, rate(missesBeforeAfter[0] + missesBeforeAfter[1],
        windows), eventNanos == 0 ? Double.NaN : rate(missesBeforeAfter[0], windowsBeforeAfter[0]),
        eventNanos == 0 ? Double.NaN : rate(missesBeforeAfter[1], windowsBeforeAfter[1]), recovery, rates, share,
        switches(s, phaseStartNanos), cpuSeconds, served == 0 ? Double.NaN : cpuSeconds * 1000 / served,
        labelled == 0 ? Double.NaN : (double) correct / labelled, accuracy, battery[0], battery[1], counts,
        competitorCores);
  }

  /** Miss rate of each whole second from {@code eventNanos} on. */
  private static List<Double> ratesFrom(AgentSession s, long firstWindow, long endWindow, long eventNanos) {
    List<long[]> perSecond = new ArrayList<>();
    for (long w = firstWindow; w < endWindow; w++) {
      long closed = s.sentNanos(s.feed().closingMessage(w));
      if (closed < eventNanos) {
        continue;
      }
      int second = (int) ((closed - eventNanos) / 1_000_000_000L);
      while (perSecond.size() <= second) {
        perSecond.add(new long[2]);
      }
      perSecond.get(second)[0]++;
      if (s.ledger().receivedNanos(w) == 0 || !s.ledger().deadlineMet(w)) {
        perSecond.get(second)[1]++;
      }
    }
    // The last second is partial (the stream ends inside it): leave it out.
    if (perSecond.size() > 1) {
      perSecond.remove(perSecond.size() - 1);
    }
    return perSecond.stream().map(c -> c[0] == 0 ? 0.0 : (double) c[1] / c[0]).toList();
  }

  /**
   * Seconds from the event to the start of the first second under {@link #RECOVERED_BELOW} that follows a
   * second at or above it; 0 when no second reached it; NaN when the rate never came back under it.
   */
  static double recoverySeconds(List<Double> ratesFromEvent) {
    int firstBad = -1;
    for (int i = 0; i < ratesFromEvent.size(); i++) {
      if (ratesFromEvent.get(i) >= RECOVERED_BELOW) {
        firstBad = i;
        break;
      }
    }
    if (firstBad < 0) {
      return 0;
    }
    for (int i = firstBad + 1; i < ratesFromEvent.size(); i++) {
      if (ratesFromEvent.get(i) < RECOVERED_BELOW) {
        return i;
      }
    }
    return Double.NaN;
  }

  private static List<RunFigures.Switch> switches(AgentSession s, long phaseStartNanos) {
    List<EventLog.Arrived> all = s.events().events();
    List<RunFigures.Switch> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      EventLog.Arrived e = all.get(i);
      if (!e.type().equals("swap.completed")) {
        continue;
      }
      String to = e.detail("to");
      String reason = null;
      for (int j = i - 1; j >= 0; j--) {
        EventLog.Arrived d = all.get(j);
        if (d.type().equals("policy.decision") && "SWITCH".equals(d.detail("action")) && to.equals(d.detail("target"))) {
          reason = d.detail("reason");
          break;
        }
      }
      out.add(new RunFigures.Switch((e.nanos() - phaseStartNanos) / 1e9, e.detail("from"), to, reason));
    }
    return out;
  }

  private static double rate(long part, long whole) {
    return whole == 0 ? Double.NaN : (double) part / whole;
  }
}
