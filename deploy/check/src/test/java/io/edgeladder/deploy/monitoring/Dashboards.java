package io.edgeladder.deploy.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The committed Grafana and Prometheus files under deploy/, read as Jackson trees (paths from deploy/check). */
final class Dashboards {
  static final Path DEPLOY = Path.of("..").toAbsolutePath().normalize();
  static final Path DASHBOARDS = DEPLOY.resolve("grafana/dashboards");
  static final Path DATASOURCE = DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yaml");
  static final Path PROMETHEUS_YML = DEPLOY.resolve("prometheus/prometheus.yml");
  static final Path RULES_YML = DEPLOY.resolve("prometheus/rules.yml");
  static final ObjectMapper JSON = new ObjectMapper();
  static final YAMLMapper YAML = new YAMLMapper();

  /** A panel's query: the dashboard file, the panel's id and title, and its PromQL. */
  record Query(String dashboard, int panelId, String panelTitle, String refId, String expr) {
    @Override
    public String toString() {
      return dashboard + " panel " + panelId + " '" + panelTitle + "' " + refId;
    }
  }

  private Dashboards() {}

  static List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(DASHBOARDS)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  static JsonNode read(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }

  /** The uid of the provisioned Prometheus datasource. */
  static String datasourceUid() throws IOException {
    return YAML.readTree(DATASOURCE.toFile()).path("datasources").path(0).path("uid").asText();
  }

  /** Every panel, rows included, and the panels nested in collapsed rows. */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode p : dashboard.path("panels")) {
      out.add(p);
      p.path("panels").forEach(out::add);
    }
    return out;
  }

  /** Every target's expr of every panel of {@code dashboard} (file name {@code name}). */
  static List<Query> queries(String name, JsonNode dashboard) {
    List<Query> out = new ArrayList<>();
    for (JsonNode p : panels(dashboard)) {
      for (JsonNode t : p.path("targets")) {
        out.add(new Query(name, p.path("id").asInt(), p.path("title").asText(), t.path("refId").asText(),
            t.path("expr").asText()));
      }
    }
    return out;
  }

  /** The template variables' names. */
  static List<String> variables(JsonNode dashboard) {
    List<String> out = new ArrayList<>();
    dashboard.path("templating").path("list").forEach(v -> out.add(v.path("name").asText()));
    return out;
  }
}
