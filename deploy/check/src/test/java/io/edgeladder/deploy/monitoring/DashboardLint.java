package io.edgeladder.deploy.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Structural checks of one Grafana dashboard: unique panel ids, a grid position inside the 24 columns,
 * the provisioned datasource on every panel, target and variable, a unit on every panel, and every
 * {@code $variable} a query uses defined in the templating list (or one of Grafana's built-ins).
 * Each problem names the dashboard and the panel.
 */
final class DashboardLint {
  /** Grafana's interval variables the dashboards may use. */
  static final Set<String> BUILT_INS = Set.of("__rate_interval", "__interval", "__range");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)");

  private DashboardLint() {}

  static List<String> problems(String name, JsonNode dashboard, String datasourceUid) {
    List<String> out = new ArrayList<>();
    if (dashboard.path("uid").asText().isBlank()) out.add(name + ": no uid");
    if (dashboard.path("title").asText().isBlank()) out.add(name + ": no title");
    Set<String> defined = new HashSet<>(BUILT_INS);
    for (JsonNode v : dashboard.path("templating").path("list")) {
      String where = name + " variable '" + v.path("name").asText() + "'";
      defined.add(v.path("name").asText());
      if (v.path("type").asText().equals("query")) {
        datasource(out, where, v.path("datasource"), datasourceUid);
        used(out, where, v.path("definition").asText(), defined);
      }
    }
    Set<Integer> ids = new HashSet<>();
    for (JsonNode p : Dashboards.panels(dashboard)) {
      String where = name + " panel " + p.path("id").asText("?") + " '" + p.path("title").asText() + "'";
      if (!p.path("id").isInt()) out.add(where + ": no integer id");
      else if (!ids.add(p.path("id").asInt())) out.add(where + ": id " + p.path("id").asInt() + " used twice");
      grid(out, where, p.path("gridPos"));
      if (p.path("type").asText().equals("row")) continue;
      if (p.path("title").asText().isBlank()) out.add(where + ": no title");
      datasource(out, where, p.path("datasource"), datasourceUid);
      if (p.path("fieldConfig").path("defaults").path("unit").asText().isBlank()) {
        out.add(where + ": fieldConfig.defaults.unit is not set");
      }
      if (p.path("targets").isEmpty()) out.add(where + ": no targets");
      for (JsonNode t : p.path("targets")) {
        String target = where + " target " + t.path("refId").asText("?");
        if (t.path("expr").asText().isBlank()) out.add(target + ": empty expr");
        if (t.has("datasource")) datasource(out, target, t.path("datasource"), datasourceUid);
        used(out, target, t.path("expr").asText(), defined);
        used(out, target, t.path("legendFormat").asText(), defined);
      }
    }
    return out;
  }

  private static void grid(List<String> out, String where, JsonNode g) {
    for (String k : new String[] {"h", "w", "x", "y"}) {
      if (!g.path(k).isInt() || g.path(k).asInt() < 0) {
        out.add(where + ": gridPos." + k + " must be an integer >= 0 but was " + g.path(k));
        return;
      }
    }
    int x = g.path("x").asInt();
    int w = g.path("w").asInt();
    if (w < 1 || g.path("h").asInt() < 1 || x + w > 24) {
      out.add(where + ": gridPos x=" + x + " w=" + w + " h=" + g.path("h").asInt() + " is outside the 24 columns");
    }
  }

  private static void datasource(List<String> out, String where, JsonNode ds, String uid) {
    if (!ds.path("uid").asText().equals(uid)) {
      out.add(where + ": datasource uid must be the provisioned '" + uid + "' but was " + ds.path("uid"));
    }
  }

  private static void used(List<String> out, String where, String text, Set<String> defined) {
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      if (!defined.contains(m.group(1))) out.add(where + ": uses $" + m.group(1) + ", which is not defined");
    }
  }
}
