package io.edgeladder.deploy.deb;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The installed {@code edgeladder-agent.service} of a {@link DpkgRoot}, turned into command lines that run from
 * that root: {@code EnvironmentFile=} read from the root, variables expanded as systemd does ({@code $X} splits
 * at whitespace, {@code ${X}} stays one argument), and every path the package installs prefixed with the root.
 * {@code /usr/bin/java} stays the host's: the root holds no JRE. Quotes and the {@code -@:+!} executable
 * prefixes are not used by the unit and are refused here rather than half-parsed.
 */
final class InstalledUnit {
  static final String PATH = "/lib/systemd/system/edgeladder-agent.service";
  /** Paths the package installs or owns, the ones rewritten into the root. */
  private static final Pattern PACKAGE_PATH = Pattern.compile(
      "(?<![^\\s=:\"'])(/usr/share/edgeladder-agent|/usr/lib/edgeladder-agent|/etc/edgeladder"
          + "|/etc/default/edgeladder-agent|/var/lib/edgeladder)(?=/|\\s|$)", Pattern.MULTILINE);
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");

  private final DpkgRoot root;
  private final Map<String, List<String>> service;
  private final Map<String, String> env = new LinkedHashMap<>();

  private InstalledUnit(DpkgRoot root, Map<String, List<String>> service) {
    this.root = root;
    this.service = service;
  }

  static InstalledUnit read(DpkgRoot root) throws IOException {
    Map<String, List<String>> service = new LinkedHashMap<>();
    String section = "";
    for (String line : root.read(PATH).lines().map(String::strip).toList()) {
      if (line.isEmpty() || line.startsWith("#")) continue;
      if (line.startsWith("[")) {
        section = line;
      } else if (section.equals("[Service]")) {
        int eq = line.indexOf('=');
        service.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
      }
    }
    InstalledUnit unit = new InstalledUnit(root, service);
    for (String file : unit.all("EnvironmentFile")) unit.loadEnvironmentFile(file);
    return unit;
  }

  /** Every value of {@code key} in [Service], in order. */
  List<String> all(String key) {
    return service.getOrDefault(key, List.of());
  }

  /** The single value of {@code key} in [Service]. */
  String one(String key) {
    List<String> values = all(key);
    if (values.size() != 1) throw new AssertionError(PATH + ": expected one " + key + "= but found " + values);
    return values.get(0);
  }

  /** The environment the unit's files give its commands. */
  Map<String, String> environment() {
    return Map.copyOf(env);
  }

  /** {@code ExecStartPre=} or {@code ExecStart=} as arguments for this root. */
  List<String> command(String key) {
    String line = one(key);
    if (line.matches("^[-@:+!].*") || line.contains("\"") || line.contains("'")) {
      throw new AssertionError(PATH + ": " + key + "=" + line + " uses quoting or prefixes this parser refuses");
    }
    List<String> args = new ArrayList<>();
    for (String word : line.trim().split("\\s+")) {
      Matcher m = VARIABLE.matcher(word);
      if (m.matches() && m.group(2) != null) {
        String value = env.getOrDefault(m.group(2), "").trim();
        if (!value.isEmpty()) for (String w : value.split("\\s+")) args.add(inRoot(w));
      } else {
        args.add(inRoot(m.replaceAll(r -> Matcher.quoteReplacement(env.getOrDefault(groupName(r), "")))));
      }
    }
    return args;
  }

  /** {@code text} with every package path prefixed by the root's folder. */
  String inRoot(String text) {
    return PACKAGE_PATH.matcher(text).replaceAll(r -> Matcher.quoteReplacement(root.dir() + r.group(1)));
  }

  private static String groupName(MatchResult r) {
    return r.group(1) != null ? r.group(1) : r.group(2);
  }

  private void loadEnvironmentFile(String spec) throws IOException {
    boolean optional = spec.startsWith("-");
    String path = optional ? spec.substring(1) : spec;
    if (!Files.exists(root.path(path))) {
      if (optional) return;
      throw new AssertionError(PATH + ": EnvironmentFile " + path + " is missing");
    }
    for (String line : root.read(path).lines().map(String::strip).toList()) {
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) continue;
      int eq = line.indexOf('=');
      String value = line.substring(eq + 1).strip();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      env.put(line.substring(0, eq).strip(), value);
    }
  }
}
