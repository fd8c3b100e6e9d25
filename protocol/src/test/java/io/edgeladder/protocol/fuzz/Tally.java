package io.edgeladder.protocol.fuzz;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts a fuzz target's outcomes (accepted, or rejected by kind) and prints one summary line, which the
 * full pass's report is made of: {@code fuzz <target>: 200000 tries, 1234 accepted, 198766 rejected {...}}.
 * One per property (jqwik makes one test instance per property); not thread-safe.
 */
public final class Tally {
  private final String target;
  private final Map<String, Long> rejected = new TreeMap<>();
  private long tries;
  private long accepted;

  public Tally(String target) {
    this.target = target;
  }

  public void accepted() {
    tries++;
    accepted++;
  }

  public void rejected(String kind) {
    tries++;
    rejected.merge(kind, 1L, Long::sum);
  }

  public long tries() {
    return tries;
  }

  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Prints the summary line (call from an {@code @AfterProperty} method). */
  public void print() {
    System.out.println("fuzz " + target + ": " + tries + " tries, " + accepted + " accepted, " + rejectedTotal()
        + " rejected " + rejected + " (mode " + (Fuzz.full() ? "full" : "short") + ")");
  }
}
