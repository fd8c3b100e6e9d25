package io.edgeladder.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code soak --duration 60s}: the real agent in its own JVM with the gateway flags, forced swaps every
 * 5 s, six 10 s intervals. Correctness only — the report is complete (every interval has its latency,
 * RSS, GC and swap figures; the intervals add up to the run) and nothing was lost, duplicated or failed.
 * The deadline is long so that a busy CI machine cannot make the agent shed.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SoakQuickIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void soak_sixtySecondsWithSwaps_reportCompleteAndNothingLost(@TempDir Path out) throws Exception {
    int rate = 250;
    int code = new CommandLine(new SoakCommand()).execute("--duration", "60s", "--warmup", "5s", "--interval", "10s",
        "--rate", Integer.toString(rate), "--swap-every", "5s", "--deadline-ms", "2000", "--ort-iterations", "2000",
        "--ladder", ROOT.resolve("configs/ladder/ladder.json").toString(),
        "--model-card", ROOT.resolve("models/vibration-cnn/model-card.json").toString(), "--out", out.toString(),
        "--tag", "it");

    JsonNode r = new ObjectMapper().readTree(out.resolve("soak-latest.json").toFile());
    assertThat(out.resolve("soak-it.json")).exists();
    JsonNode overall = r.path("overall");
    assertThat(overall.path("errors")).as("errors").isEmpty();
    assertThat(code).as("exit code (3: a target missed)").isZero();
    assertThat(overall.path("agentAliveAtEnd").asBoolean()).isTrue();
    JsonNode windows = overall.path("windows");
    assertThat(windows.path("sent").asLong()).isEqualTo(60L * rate);
    assertThat(windows.path("results").asLong()).isEqualTo(60L * rate);
    assertThat(windows.path("unanswered").asLong()).isZero();
    assertThat(windows.path("duplicates").asLong()).isZero();
    assertThat(windows.path("reordered").asLong()).isZero();
    assertThat(windows.path("outOfRange").asLong()).isZero();
    assertThat(r.path("derived").path("windowsLost").asLong()).isZero();
    // the agent's /status is read on the monitor thread as the measured phase starts: its baseline may lag the
    // first measured window by the time a request takes on a loaded machine (tens of ms), so allow half a second
    assertThat(overall.path("agentCounts").path("windowsOut").asLong()).isBetween(60L * rate - rate / 2,
        60L * rate + rate / 2);
    assertThat(overall.path("agentCounts").path("shed").asLong()).isZero();
    assertThat(overall.path("e2e").path("count").asLong()).isEqualTo(60L * rate);
    assertThat(overall.path("gcPauses").path("count").asLong()).isPositive();
    assertThat(overall.path("gcPauses").path("maxMs").asDouble()).isPositive();
    assertThat(overall.path("swapsRequested").asLong()).isBetween(11L, 12L);
    assertThat(overall.path("swaps").path("failed").asLong()).isZero();
    assertThat(overall.path("swaps").path("completed").asLong())
        .isGreaterThanOrEqualTo(overall.path("swapsRequested").asLong() - 1);
    assertThat(overall.path("resultsPerVariant").has("fp32")).isTrue();
    assertThat(overall.path("resultsPerVariant").has("qat")).isTrue();

    JsonNode intervals = r.path("intervals");
    assertThat(intervals).hasSize(6);
    long sent = 0;
    for (JsonNode i : intervals) {
      sent += i.path("windows").path("sent").asLong();
      assertThat(i.path("e2e").path("count").asLong()).isPositive();
      assertThat(i.path("e2e").path("p99Ms").asDouble()).isPositive();
      assertThat(i.path("e2e").path("p999Ms").asDouble()).isGreaterThanOrEqualTo(i.path("e2e").path("p99Ms").asDouble());
      assertThat(i.path("rssMb").asDouble()).isBetween(20.0, 1000.0);
      assertThat(i.path("agentCpuPercent").asDouble()).isPositive();
      assertThat(i.path("agent").path("windowsIn").asLong()).isPositive();
      assertThat(i.path("gc").path("safepoints").asLong()).isPositive();
    }
    assertThat(sent).isEqualTo(60L * rate);
    assertThat(r.path("rawOrt").path("fp32").path("p50Ms").asDouble()).isPositive();
    assertThat(r.path("rawOrt").path("qat").path("p50Ms").asDouble()).isPositive();
    for (String k : new String[] {"e2eP99LastOverFirst", "rssLastOverFirst", "e2eP99SlopeMsPerHour", "rssSlopeMbPerHour",
        "e2eP50OverRawOrtP50_fp32", "gcPauseShare"}) {
      assertThat(r.path("derived").path(k).isNumber()).as(k).isTrue();
    }
  }
}
