package io.edgeladder.bench.fleet;

/**
 * One fan-out measured both ways in the same run: the signed, chunked release reaching {@code agents}
 * simulated agents, and the raw publish of the same chunks reaching as many plain subscribers.
 *
 * @param ladderBytes bytes of every artifact of the ladder
 * @param chunks chunks per fan-out
 * @param oursTotalMs publish start to the last agent holding every artifact verified
 * @param oursPerAgent per-agent completion times (from publish start)
 * @param oursPublishMs how long {@code ReleasePublisher.publish} blocked (build, sign, record, chunks, manifest acked)
 * @param rawTotalMs first raw publish to the last subscriber holding every byte
 * @param rawPerAgent per-subscriber completion times
 * @param rejectedChunks chunks a simulated agent refused (expected 0)
 */
public record DistributionCase(int agents, int repetition, long ladderBytes, int chunks, double oursTotalMs,
    Pcts oursPerAgent, double oursPublishMs, double rawTotalMs, Pcts rawPerAgent, int rejectedChunks) {

  public double totalRatio() {
    return oursTotalMs / rawTotalMs;
  }

  public double p50Ratio() {
    return oursPerAgent.p50Ms() / rawPerAgent.p50Ms();
  }

  /** Effective fan-out throughput of ours: ladder bytes times agents over the total time, MB/s. */
  public double oursMBps() {
    return ladderBytes * (double) agents / 1e6 / (oursTotalMs / 1e3);
  }

  public double rawMBps() {
    return ladderBytes * (double) agents / 1e6 / (rawTotalMs / 1e3);
  }
}
