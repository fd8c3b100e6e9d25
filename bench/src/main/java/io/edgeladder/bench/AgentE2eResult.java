package io.edgeladder.bench;

import java.util.List;

/**
 * What the agent phases measured.
 *
 * @param resultBytes size of one result message
 * @param sensorBytes size of one sensor message
 * @param readyMillis from process start to {@code /ready}
 * @param scanMismatches results whose scanned seq disagreed with a full parse (must be 0)
 * @param firstResult the first result message, verbatim
 */
record AgentE2eResult(FixedRate fixedRate, Saturation saturation, int resultBytes, int sensorBytes, long pid,
    String log, List<String> jvmFlags, long readyMillis, long scanMismatches, long duplicates, long outOfRange,
    long callbackErrors, String firstResult) {

  /**
   * The steady fixed-rate phase.
   *
   * @param e2e send of the message that closed a window → arrival of that window's result
   * @param sendRate messages per second actually sent
   * @param resultRate results per second received for the phase's windows
   * @param expected windows the phase's messages closed
   * @param lost of those, windows without a result (seq gaps)
   * @param counts the agent's own counters over the phase
   * @param mappingVerified the agent counted exactly one message in and one window cut per message sent,
   *     over the phase and since start (minus the first window's fill), so seq k ↔ message k + offset holds
   * @param mapping how the mapping was checked
   * @param rssMaxBytes largest VmRSS sampled during the phase
   * @param rssFinalBytes last VmRSS sampled
   */
  record FixedRate(Samples.Summary e2e, double sendRate, double resultRate, long expected, long lost,
      PipelineCounts counts, boolean mappingVerified, String mapping, Allocation allocation, long rssMaxBytes,
      long rssFinalBytes, long rssSamples) {}

  /**
   * The saturation phase.
   *
   * @param resultRate results received per second while sending
   * @param e2e latency under saturation (queueing included; informative)
   * @param stalls sends that waited 100 ms for an answer that never came (shed windows)
   * @param capacityReached the run's timestamp arrays filled before the time was up
   */
  record Saturation(double seconds, double sendRate, double resultRate, Samples.Summary e2e,
      PipelineCounts counts, long stalls, int maxInFlight, boolean capacityReached) {}
}
