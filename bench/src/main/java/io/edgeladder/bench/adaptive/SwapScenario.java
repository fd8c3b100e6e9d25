package io.edgeladder.bench.adaptive;

import io.edgeladder.bench.PipelineCounts;
import io.edgeladder.bench.Samples;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * (a) Forced swaps under load: the real agent at a fixed window rate on the embedded broker, a swap every
 * {@code swapEverySeconds} between two ladder variants, requested from the agent's own {@code SwapManager}
 * (see {@link AgentWithSwapsCommand}); the policy is idle (period of a day) so only these swaps happen.
 * One window per message (hop = half the window, as in {@code e2e}), so latency is per window.
 *
 * <p>Measured from the results: windows lost (no result and not among the windows the agent counts as
 * shed), duplicated, reordered (by {@code seq}); E2E latency (send of
 * the message that closed the window → arrival of its result) of windows closed within ±1 s of a swap
 * (from 1 s before the request to 1 s after the first result of the new variant) against the steady
 * windows (all others), and, as an in-run reference for the max, windows of equally long intervals half a
 * swap period later (no swap in them); per swap, request → first result of the new variant, and the atomic flip, drain and
 * total time from the agent's {@code swap.completed} event.
 */
final class SwapScenario {
  /**
   * @param windowsPerSecond message (= window) rate
   * @param warmupSeconds before the measured phase; the first swap (base → {@code variants[0]}) happens in it
   * @param seconds measured phase
   * @param swapEverySeconds period of the forced swaps
   * @param variants the two variant ids swapped between
   */
  record Params(String brokerUrl, int httpPort, Path modelCard, Path ladder, double windowsPerSecond,
      double warmupSeconds, double seconds, double swapEverySeconds, List<String> variants, int deadlineMs,
      List<String> jvmFlags, Path workDir, long seed) {}

  private static final double NEAR_SWAP_NANOS = 1e9;

  private SwapScenario() {}

  static SwapResult run(Params p, Consumer<String> progress) throws Exception {
    int hop = 512;
    LabelledFeed feed = new LabelledFeed(hop, 1024, hop, 5, 64, new double[] {0.02, 0.3}, p.seed());
    AdaptiveYaml cfg = new AdaptiveYaml("bench-swaps", p.brokerUrl(), p.httpPort(), p.modelCard(), p.ladder(), hop,
        p.deadlineMs(), 64, 1, AdaptiveYaml.Adaptive.forcedSwapsOnly(), null, p.workDir().resolve("state-swaps"));
    int messages = (int) Math.ceil(p.windowsPerSecond() * (p.warmupSeconds() + p.seconds() + 2)) + 16;
    try (AgentSession s = AgentSession.start(cfg, feed, p.jvmFlags(), p.workDir(), "swaps", messages)) {
      String first = p.variants().get(0);
      progress.accept(String.format("      warm-up %.0f s (swap base -> %s at 1 s)", p.warmupSeconds(), first));
      s.stream(p.windowsPerSecond(), p.warmupSeconds(), List.of(
          new AgentSession.Timed(Math.min(1, p.warmupSeconds() / 2), "swap to " + first, () -> s.requestSwap(first))));
      long firstMessage = s.messagesSent();
      s.drain(Duration.ofSeconds(3)); // the warm-up's windows are in the agent's counters before the first reading
      PipelineCounts before = PipelineCounts.of(s.agent().status());
      List<Requested> requests = new ArrayList<>();
      List<AgentSession.Timed> swaps = new ArrayList<>();
      int n = 0;
      for (double at = p.swapEverySeconds(); at < p.seconds() - 1; at += p.swapEverySeconds()) {
        String to = p.variants().get(++n % 2);
        swaps.add(new AgentSession.Timed(at, "swap to " + to, () -> {
          synchronized (requests) {
            requests.add(new Requested(to, System.nanoTime()));
          }
          s.requestSwap(to);
        }));
      }
      progress.accept(String.format("      measured %.0f s, %d swaps", p.seconds(), swaps.size()));
      s.stream(p.windowsPerSecond(), p.seconds(), swaps);
      s.drain(Duration.ofSeconds(5));
      Thread.sleep(500); // the last swap.completed event
      PipelineCounts counts = PipelineCounts.of(s.agent().status()).minus(before);
      List<Requested> done;
      synchronized (requests) {
        done = List.copyOf(requests);
      }
      return figures(s, feed.windowsThrough(firstMessage - 1), s.windowsSent(), done, p.deadlineMs(), counts,
          (long) (p.swapEverySeconds() / 2 * 1e9));
    }
  }

  /** A swap the bench asked for and when (bench monotonic nanos). */
  record Requested(String to, long nanos) {}

  static SwapResult figures(AgentSession s, long firstWindow, long endWindow, List<Requested> requests,
      int deadlineMs, PipelineCounts counts, long controlShiftNanos) {
    ResultLedger ledger = s.ledger();
    LabelledFeed feed = s.feed();
    List<EventLog.Arrived> completed = s.events().ofType("swap.completed");
    List<SwapResult.Swap> swaps = new ArrayList<>();
    List<long[]> near = new ArrayList<>();
    List<long[]> control = new ArrayList<>();
    for (Requested r : requests) {
      long firstNew = 0;
      for (long w = firstWindow; w < endWindow; w++) {
        long at = ledger.receivedNanos(w);
        if (at > r.nanos() && r.to().equals(ledger.variant(w)) && (firstNew == 0 || at < firstNew)) {
          firstNew = at;
          break;
        }
      }
      EventLog.Arrived ev = completed.stream().filter(e -> e.nanos() > r.nanos() && r.to().equals(e.detail("to")))
          .findFirst().orElse(null);
      long end = firstNew != 0 ? firstNew : r.nanos();
      near.add(new long[] {r.nanos() - (long) NEAR_SWAP_NANOS, end + (long) NEAR_SWAP_NANOS});
      control.add(new long[] {r.nanos() - (long) NEAR_SWAP_NANOS + controlShiftNanos,
          end + (long) NEAR_SWAP_NANOS + controlShiftNanos});
      swaps.add(new SwapResult.Swap(r.to(), (r.nanos() - s.startNanos()) / 1e9,
          firstNew == 0 ? Double.NaN : (firstNew - r.nanos()) / 1e6,
          ev == null ? Double.NaN : ev.number("flipMicros"), ev == null ? Double.NaN : ev.number("drainMicros"),
          ev == null ? Double.NaN : ev.number("totalMillis"), ev != null));
    }
    int count = (int) Math.max(1, endWindow - firstWindow);
    Samples steady = new Samples(count);
    Samples nearSwaps = new Samples(count);
    Samples controls = new Samples(count);
    long unanswered = 0;
    long late = 0;
    for (long w = firstWindow; w < endWindow; w++) {
      long r = ledger.receivedNanos(w);
      if (r == 0) {
        unanswered++;
        continue;
      }
      if (!ledger.deadlineMet(w)) {
        late++;
      }
      long closed = s.sentNanos(feed.closingMessage(w));
      boolean isNear = near.stream().anyMatch(iv -> closed >= iv[0] && closed <= iv[1]);
      (isNear ? nearSwaps : steady).record(r - closed);
      if (!isNear && control.stream().anyMatch(iv -> closed >= iv[0] && closed <= iv[1])) {
        controls.record(r - closed);
      }
    }
    return new SwapResult(endWindow - firstWindow, unanswered, Math.max(0, unanswered - counts.shed()),
        ledger.duplicates(), ledger.reordered(), late, deadlineMs, counts,
        steady.summary(), nearSwaps.summary(), controls.summary(), swaps, s.events().ofType("swap.failed").size(),
        s.actionErrors());
  }
}
