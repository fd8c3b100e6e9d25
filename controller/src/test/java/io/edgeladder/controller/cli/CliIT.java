package io.edgeladder.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeladder.controller.api.ControllerFixture;
import io.edgeladder.controller.distribution.Ladders;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The operator CLI run in-process against a real controller: output parsed, exit codes 0 (ok), 2 (usage or
 * 4xx) and 3 (unreachable).
 */
@Timeout(120)
class CliIT {
  @TempDir
  static Path dir;

  private static ControllerFixture fx;
  private static String releaseSha;

  /** One run's exit code and output. */
  record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return ControllerFixture.JSON.readTree(out);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    fx = ControllerFixture.start(dir);
    fx.agent("cli-1", Map.of("site", "cli"));
    fx.agent("cli-2", Map.of("site", "cli"));
    Run push = cli("models", "push", Ladders.LADDER.toString(), "--json");
    assertThat(push.code()).as(push.err()).isZero();
    releaseSha = push.json().get("releaseSha").asText();
  }

  @AfterAll
  static void stop() throws Exception {
    fx.close();
  }

  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = ControllerCli.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of(args));
    int at = all.indexOf("--url");
    if (at < 0) {
      all.add("--url");
      all.add(fx.url);
    }
    if (!all.contains("--token") && !all.contains("--token-file") && !all.contains("--no-token")) {
      all.add("--token-file");
      all.add(fx.tokenFile.toString());
    }
    all.remove("--no-token");
    int code = cl.execute(all.toArray(new String[0]));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void modelsPush_humanOutput_namesReleaseAndIsIdempotent() {
    Run again = cli("models", "push", Ladders.LADDER.toString());
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("release " + releaseSha + " of vibration-cnn (already recorded)");
    Run list = cli("models", "list");
    assertThat(list.out().lines().skip(1)).singleElement().asString().startsWith("vibration-cnn").contains(releaseSha);
    Run missing = cli("models", "push", dir.resolve("nope").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("HTTP 400").contains("(field path)");
  }

  @Test
  void agents_listShowAndUnknown() throws Exception {
    Run list = cli("agents", "list", "--selector", "site=cli");
    assertThat(list.code()).isZero();
    List<String> rows = list.out().lines().toList();
    assertThat(rows.get(0)).startsWith("AGENT").contains("ONLINE", "LABELS", "PIPELINES", "DRIFT");
    assertThat(rows.subList(1, rows.size())).extracting(r -> r.split("\\s+")[0]).containsExactly("cli-1", "cli-2");
    assertThat(rows.get(1)).contains("yes", "site=cli", "pump-1:fp32");

    Run json = cli("agents", "list", "--json");
    assertThat(json.json().findValuesAsText("agentId")).contains("cli-1", "cli-2");

    Run show = cli("agents", "show", "cli-1");
    assertThat(show.code()).isZero();
    assertThat(show.out()).contains("agent:        cli-1").contains("AMD EPYC").contains("pump-1");

    Run unknown = cli("agents", "show", "nobody");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("HTTP 404").contains("nobody");
  }

  @Test
  void desiredSet_issuesVersion_badVariantExit2_driftShowsAgent() {
    Run ok = cli("desired", "set", "--agent", "cli-1", "--pipeline", "pump-1", "--release", releaseSha, "--pin", "qat",
        "--min-accuracy", "0.5");
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out().lines().skip(1)).singleElement().asString().startsWith("cli-1").contains("true");

    Run bad = cli("desired", "set", "--agent", "cli-1", "--pipeline", "pump-1", "--release", releaseSha, "--pin", "int4");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("int4").contains("(field pipelines[0].bounds.pinned)");

    Run usage = cli("desired", "set", "--pipeline", "pump-1", "--release", releaseSha);
    assertThat(usage.code()).isEqualTo(2);

    Run drift = cli("drift");
    assertThat(drift.code()).isZero();
    assertThat(drift.out()).contains("cli-1").contains("no report yet");
  }

  @Test
  void rollout_startStatusPauseResumeAbort() throws Exception {
    Run start = cli("rollout", "start", "--model", "vibration-cnn", "--release", releaseSha, "--selector", "site=cli",
        "--canary", "1", "--waves", "50,100", "--soak", "30s", "--max-miss-rate", "0.01", "--json");
    assertThat(start.code()).as(start.err()).isZero();
    JsonNode created = start.json();
    String id = created.get("id").asText();
    assertThat(created.at("/plan/waves").toString()).isEqualTo("[\"50%\",\"100%\"]");
    assertThat(created.at("/plan/gates/maxMissRate").asDouble()).isEqualTo(0.01);

    Run conflict = cli("rollout", "start", "--model", "vibration-cnn", "--release", releaseSha);
    assertThat(conflict.code()).isEqualTo(2);
    assertThat(conflict.err()).contains("HTTP 409");

    Run list = cli("rollout", "status");
    assertThat(list.out()).contains(id).contains("vibration-cnn");
    Run one = cli("rollout", "status", id);
    assertThat(one.out()).contains("rollout:   " + id).contains("canary 1").contains("events:");

    assertThat(cli("rollout", "pause", id, "--reason", "check").out()).contains("PAUSED");
    assertThat(cli("rollout", "resume", id).code()).isZero();
    Run abort = cli("rollout", "abort", id);
    assertThat(abort.code()).isZero();
    assertThat(abort.out()).containsAnyOf("ABORTED", "ROLLING_BACK");
    Run resumeAfter = cli("rollout", "resume", id);
    assertThat(resumeAfter.code()).isEqualTo(2);
    assertThat(resumeAfter.err()).contains("HTTP 409");
  }

  @Test
  void token_missingOrWrong_exit2WithHttp401_rightTokenByFlagWorks() {
    Run none = cli("agents", "list", "--no-token");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("HTTP 401").contains("Authorization: Bearer");
    Run wrong = cli("agents", "list", "--token", "not-the-token-0123456789");
    assertThat(wrong.code()).isEqualTo(2);
    assertThat(wrong.err()).contains("HTTP 401").contains("not valid").doesNotContain("not-the-token-0123456789");
    Run flag = cli("agents", "list", "--token", fx.token);
    assertThat(flag.code()).as(flag.err()).isZero();
    Run missingFile = cli("agents", "list", "--token-file", dir.resolve("no-such-token").toString());
    assertThat(missingFile.code()).isEqualTo(2);
    assertThat(missingFile.err()).contains("--token-file").contains("no-such-token");
  }

  @Test
  void unreachableController_exit3() {
    Run r = cli("agents", "list", "--url", "http://127.0.0.1:1");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("controller unreachable at http://127.0.0.1:1");
  }
}
