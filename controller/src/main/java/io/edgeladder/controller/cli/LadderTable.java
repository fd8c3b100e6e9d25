package io.edgeladder.controller.cli;

import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.VariantEntry;
import java.io.PrintWriter;
import java.util.Locale;

/** The ladder as a table: one row per entry, in ladder order, ratios against the fp32 base. */
public final class LadderTable {
  private LadderTable() {}

  public static void print(PrintWriter out, LadderManifest m) {
    VariantEntry base = m.variants().stream().filter(e -> e.sha256().equals(m.baseSha256())).findFirst().orElse(null);
    out.printf(Locale.ROOT, "ladder %s  (%d variants, %d accepted)  host: %s, %d cores, ORT %s, %d thread(s)%n",
        m.model(), m.variants().size(), m.accepted().size(), m.referenceHost().cpuModel(), m.referenceHost().cores(),
        m.referenceHost().ortVersion(), m.referenceHost().threads());
    out.printf(Locale.ROOT, "%-3s %-34s %-8s %-6s %-8s %-8s %9s %9s %6s %12s  %-48s %s%n", "#", "id", "status", "prec",
        "accuracy", "agree", "p50 ms", "p99 ms", "size×", "MACs", "techniques", "reason");
    int i = 0;
    for (VariantEntry e : m.variants()) {
      out.printf(Locale.ROOT, "%-3s %-34s %-8s %-6s %-8s %-8s %9s %9s %6s %12s  %-48s %s%n",
          e.accepted() ? String.valueOf(++i) : "-", e.id(), e.status().name().toLowerCase(Locale.ROOT),
          e.precision().label(), e.accuracy() == null ? "-" : String.format(Locale.ROOT, "%.4f", e.accuracy()),
          e.agreement() == null ? "-" : String.format(Locale.ROOT, "%.4f", e.agreement().top1()),
          e.latency() == null ? "-" : String.format(Locale.ROOT, "%.4f", e.latency().p50Ms()),
          e.latency() == null ? "-" : String.format(Locale.ROOT, "%.4f", e.latency().p99Ms()),
          base == null || base.sizeBytes() == 0 ? "-"
              : String.format(Locale.ROOT, "%.3f", (double) e.sizeBytes() / base.sizeBytes()),
          e.macs() == null ? "-" : String.format(Locale.ROOT, "%,d", e.macs()),
          e.techniques().isEmpty() ? "-" : String.join(" -> ", e.techniques()),
          e.rejectReason() == null ? "" : e.rejectReason());
    }
    out.flush();
  }
}
