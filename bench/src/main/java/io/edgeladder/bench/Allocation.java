package io.edgeladder.bench;

/**
 * Heap bytes the agent process allocated per window over the steady phase, from its own allocation
 * meter on {@code /metrics} (see {@link PromText#ALLOCATION_METERS}).
 *
 * <p>Reading the meter makes the agent render a {@code /metrics} answer, and that rendering allocates
 * after the value is taken, so the delta between the steady phase's first and last reading contains one
 * rendering. Two readings back to back before the phase measure that cost ({@code scrapeBytes}), which
 * is taken out again: {@code bytesPerWindow = (delta - scrapeBytes) / windows}. {@code rawBytesPerWindow}
 * keeps it in.
 *
 * @param meter the meter used, null when the agent exposes none (all figures NaN)
 * @param deltaBytes allocated between the phase's first and last reading
 * @param scrapeBytes allocated by one {@code /metrics} answer (measured back to back)
 * @param windows windows cut during the phase
 * @param bytesPerWindow allocation per window, scrape cost removed
 * @param rawBytesPerWindow allocation per window, scrape cost kept
 */
record Allocation(String meter, double deltaBytes, double scrapeBytes, long windows, double bytesPerWindow,
    double rawBytesPerWindow) {

  /** One reading of the allocation meter. */
  record Reading(String meter, double bytes) {}

  static Reading read(AgentProcess agent) throws Exception {
    String text = agent.metrics();
    String meter = PromText.firstPresent(text, PromText.ALLOCATION_METERS);
    return new Reading(meter, meter == null ? Double.NaN : PromText.sum(text, meter));
  }

  static Allocation of(Reading first, Reading second, Reading last, long windows) {
    if (last.meter() == null || windows <= 0) {
      return new Allocation(last.meter(), Double.NaN, Double.NaN, windows, Double.NaN, Double.NaN);
    }
    double scrape = second.bytes() - first.bytes();
    double delta = last.bytes() - second.bytes();
    return new Allocation(last.meter(), delta, scrape, windows, Math.max(0, delta - scrape) / windows,
        delta / windows);
  }
}
