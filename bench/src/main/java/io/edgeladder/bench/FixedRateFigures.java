package io.edgeladder.bench;

/** Turns the steady phase's timestamps and counters into {@link AgentE2eResult.FixedRate}. */
final class FixedRateFigures {
  private FixedRateFigures() {}

  /**
   * @param offset message index closing window 0
   * @param first first message of the phase
   * @param last last message of the phase
   * @param counts the agent's counters over the phase
   * @param total the agent's counters since start, read at the phase's end
   * @param rss {max, last, samples}
   */
  static AgentE2eResult.FixedRate of(ResultTracker tracker, long[] sent, long offset, long first, long last,
      long startNanos, long endNanos, PipelineCounts counts, PipelineCounts total, Allocation alloc, long[] rss) {
    long from = Math.max(first, offset);
    Samples e2e = new Samples((int) Math.max(1, last - from + 1));
    long lost = 0;
    for (long n = from; n <= last; n++) {
      long r = tracker.receivedNanos(n - offset);
      if (r == 0) {
        lost++;
      } else {
        e2e.record(r - sent[(int) n]);
      }
    }
    long expected = last - from + 1;
    long messages = last - first + 1;
    long sentTotal = last + 1;
    boolean verified = counts.messagesIn() == messages && counts.windowsIn() == messages
        && total.messagesIn() == sentTotal && total.windowsIn() == sentTotal - offset;
    String mapping = String.format("phase: sent %d, agent messagesIn %d, windowsIn %d; since start: sent %d,"
            + " messagesIn %d, windowsIn %d (expected sent - %d)", messages, counts.messagesIn(),
        counts.windowsIn(), sentTotal, total.messagesIn(), total.windowsIn(), offset);
    double seconds = (endNanos - startNanos) / 1e9;
    return new AgentE2eResult.FixedRate(e2e.summary(), messages / seconds, e2e.count() / seconds, expected, lost,
        counts, verified, mapping, alloc, rss[0], rss[1], rss[2]);
  }
}
