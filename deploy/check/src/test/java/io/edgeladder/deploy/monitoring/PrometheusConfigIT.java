package io.edgeladder.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The committed Prometheus files through the real {@code promtool}; broken copies must fail it. */
@Timeout(120)
class PrometheusConfigIT {
  private static final String TOKEN_FILE = "/etc/prometheus/edgeladder-api-token";

  @TempDir Path dir;

  @Test
  void committedConfig_checkConfigSyntaxOnly_succeeds() throws Exception {
    PromTool.Run r = PromTool.run("check", "config", "--syntax-only", Dashboards.PROMETHEUS_YML.toString());

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
  }

  /** The full check reads the referenced files: the token file (made here) and rules.yml next to the config. */
  @Test
  void committedConfig_checkConfigWithTokenFile_succeedsAndLoadsTheRules() throws Exception {
    Path token = Files.writeString(dir.resolve("api-token"), "a-token\n");
    Path config = dir.resolve("prometheus.yml");
    String committed = Files.readString(Dashboards.PROMETHEUS_YML);
    assertThat(committed).contains(TOKEN_FILE);
    Files.writeString(config, committed.replace(TOKEN_FILE, token.toString()));
    Files.copy(Dashboards.RULES_YML, dir.resolve("rules.yml"));

    PromTool.Run r = PromTool.run("check", "config", config.toString());

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS: 1 rule files found").contains("SUCCESS: 15 rules found");
  }

  @Test
  void committedRules_checkRules_succeeds() throws Exception {
    PromTool.Run r = PromTool.run("check", "rules", Dashboards.RULES_YML.toString());

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS: 15 rules found");
  }

  @Test
  void brokenRules_badExpr_failsNamingTheRule() throws Exception {
    Path rules = dir.resolve("rules.yml");
    Files.writeString(rules, Files.readString(Dashboards.RULES_YML)
        .replace("expr: edge_resource_battery_level_percent < 20", "expr: edge_resource_battery_level_percent < < 20"));

    PromTool.Run r = PromTool.run("check", "rules", rules.toString());

    assertThat(r.exitCode()).as(r.output()).isNotZero();
    assertThat(r.output()).contains("EdgeLadderBatteryLow");
  }

  @Test
  void brokenConfig_missingTokenFile_failsNamingIt() throws Exception {
    Path config = dir.resolve("prometheus.yml");
    Files.copy(Dashboards.PROMETHEUS_YML, config);
    Files.copy(Dashboards.RULES_YML, dir.resolve("rules.yml"));

    PromTool.Run r = PromTool.run("check", "config", config.toString());

    assertThat(r.exitCode()).as(r.output()).isNotZero();
    assertThat(r.output()).contains(TOKEN_FILE);
  }

  /** The alert rules' unit tests (deploy/prometheus/rules-test.yml): each alert fires on its input series. */
  @Test
  void committedRules_promtoolTestRules_pass() throws Exception {
    PromTool.Run r = PromTool.run("test", "rules", Dashboards.DEPLOY.resolve("prometheus/rules-test.yml").toString());

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
  }
}
