package io.edgeladder.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class DashboardJsonTest {
  private static final Path AGENT = Dashboards.DASHBOARDS.resolve("edgeladder-agent.json");

  @Test
  void committedDashboards_lint_noProblems() throws IOException {
    String uid = Dashboards.datasourceUid();
    assertThat(uid).isEqualTo("edgeladder-prometheus");
    List<Path> files = Dashboards.files();
    assertThat(files).extracting(p -> p.getFileName().toString())
        .containsExactly("edgeladder-agent.json", "edgeladder-fleet.json");
    for (Path f : files) {
      JsonNode d = Dashboards.read(f);
      assertThat(DashboardLint.problems(f.getFileName().toString(), d, uid)).as(f.toString()).isEmpty();
      assertThat(Dashboards.queries(f.getFileName().toString(), d)).as(f.toString()).hasSizeGreaterThan(15);
    }
  }

  @Test
  void committedDashboards_variables_agentAndPipeline() throws IOException {
    assertThat(Dashboards.variables(Dashboards.read(AGENT))).containsExactly("agent", "pipeline");
    assertThat(Dashboards.variables(Dashboards.read(Dashboards.DASHBOARDS.resolve("edgeladder-fleet.json"))))
        .containsExactly("agent");
  }

  @Test
  void brokenCopy_duplicateId_namesThePanel() throws IOException {
    assertProblem(d -> panel(d, 3).put("id", 2), "panel 2 'Queue': id 2 used twice");
  }

  @Test
  void brokenCopy_gridPosOutsideColumns_namesThePanel() throws IOException {
    assertProblem(d -> ((ObjectNode) panel(d, 2).path("gridPos")).put("x", 20),
        "panel 2 'Messages and windows': gridPos x=20 w=8 h=8 is outside the 24 columns");
  }

  @Test
  void brokenCopy_missingGridPos_namesThePanel() throws IOException {
    assertProblem(d -> panel(d, 2).remove("gridPos"), "panel 2 'Messages and windows': gridPos.h must be");
  }

  @Test
  void brokenCopy_otherDatasource_namesThePanel() throws IOException {
    assertProblem(d -> ((ObjectNode) panel(d, 2).path("datasource")).put("uid", "prom-1"),
        "panel 2 'Messages and windows': datasource uid must be the provisioned 'edgeladder-prometheus'"
            + " but was \"prom-1\"");
  }

  @Test
  void brokenCopy_undefinedVariable_namesThePanelAndTarget() throws IOException {
    assertProblem(d -> ((ObjectNode) panel(d, 2).path("targets").path(0)).put("expr",
            "rate(edge_messages_in_total{agent=\"$gateway\"}[$__rate_interval])"),
        "panel 2 'Messages and windows' target A: uses $gateway, which is not defined");
  }

  @Test
  void brokenCopy_noUnit_namesThePanel() throws IOException {
    assertProblem(d -> ((ObjectNode) panel(d, 2).path("fieldConfig").path("defaults")).remove("unit"),
        "panel 2 'Messages and windows': fieldConfig.defaults.unit is not set");
  }

  private static ObjectNode panel(JsonNode dashboard, int id) {
    for (JsonNode p : Dashboards.panels(dashboard)) {
      if (p.path("id").asInt() == id) return (ObjectNode) p;
    }
    throw new IllegalArgumentException("no panel " + id);
  }

  private static void assertProblem(Consumer<JsonNode> breakIt, String expected) throws IOException {
    JsonNode copy = Dashboards.read(AGENT);
    breakIt.accept(copy);
    assertThat(DashboardLint.problems("edgeladder-agent.json", copy, Dashboards.datasourceUid()))
        .anySatisfy(p -> assertThat(p).startsWith("edgeladder-agent.json " + expected));
  }
}
