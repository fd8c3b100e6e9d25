package io.edgeladder.deploy.manifests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.edgeladder.controller.app.ControllerConfig;
import io.edgeladder.controller.app.ControllerConfigLoader;
import io.edgeladder.protocol.dist.KeyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates a compose file: the compose-spec JSON schema, then what the schema cannot know: images of the
 * contract, every bind-mounted file present, named volumes declared, secrets only as {@code ${VARIABLE}}
 * interpolations, the controller's and agents' configurations loading with their own loaders (paths mapped
 * through the services' mounts, the controller's public key where the agents look for it) and the published
 * ports matching them. Each problem names the file, the service and the field.
 */
final class ComposeValidation {
  private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|TOKEN|SECRET|_KEY)$");
  private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{[A-Z0-9_]+(:?[?-][^}]*)?}");
  static final int AGENT_HTTP_PORT = 9464;

  /** A service's mount: {@code source} is a path (bind) or a volume name. */
  record Mount(String source, boolean bind, String target) {}

  private ComposeValidation() {}

  static List<String> validate(Path composeFile, Path work) {
    String file = RepoFiles.name(composeFile);
    JsonNode root;
    try {
      root = KubeManifests.YAML.readTree(composeFile.toFile());
    } catch (JsonProcessingException e) {
      return List.of(file + ": not YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> problems = new ArrayList<>(ComposeSchema.problems(file, root));
    if (!problems.isEmpty()) return problems;
    Path dir = composeFile.toAbsolutePath().getParent();
    Map<String, Map<String, Mount>> mounts = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> s : root.path("services").properties()) {
      String where = file + ": services." + s.getKey();
      JsonNode svc = s.getValue();
      String image = ImageContract.problem(svc.path("image").asText(null));
      if (image != null) problems.add(where + ".image: " + image);
      Map<String, Mount> byTarget = new LinkedHashMap<>();
      JsonNode volumes = svc.path("volumes");
      for (int i = 0; i < volumes.size(); i++) {
        Mount m = mount(volumes.get(i));
        byTarget.put(m.target(), m);
        if (m.bind() && !Files.exists(dir.resolve(m.source()).normalize()) && !operatorFiles(dir).contains(m.source())) {
          problems.add(where + ".volumes[" + i + "]: " + m.source() + " does not exist (resolved against " + file
              + ") and is not an operator-created file listed in its .gitignore");
        } else if (!m.bind() && !root.path("volumes").has(m.source())) {
          problems.add(where + ".volumes[" + i + "]: volume '" + m.source() + "' is not declared under volumes");
        }
      }
      mounts.put(s.getKey(), byTarget);
      environment(svc).forEach((k, v) -> {
        if (SECRET_NAME.matcher(k).matches() && !INTERPOLATION.matcher(v).matches()) {
          problems.add(where + ".environment." + k + ": a literal secret; use a ${VARIABLE} interpolation");
        }
      });
    }
    try { // with the other problems: a file missing here is already reported, and skipped below
      scrapeTargets(file, dir, root, mounts, problems);
      configs(file, dir, root, mounts, work, problems);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return problems;
  }

  /**
   * Every static target of the Prometheus configuration mounted into a {@code prom/prometheus} service must be
   * a service of this file on a port it serves: an agent's {@value #AGENT_HTTP_PORT}, the controller's 8080.
   */
  private static void scrapeTargets(String file, Path dir, JsonNode root, Map<String, Map<String, Mount>> mounts,
      List<String> problems) throws IOException {
    JsonNode services = root.path("services");
    for (Map.Entry<String, JsonNode> s : services.properties()) {
      if (!s.getValue().path("image").asText().startsWith("prom/prometheus:")) continue;
      Mount m = mounts.get(s.getKey()).get("/etc/prometheus/prometheus.yml");
      if (m == null || !m.bind()) {
        problems.add(file + ": services." + s.getKey() + ".volumes: nothing mounts /etc/prometheus/prometheus.yml");
        continue;
      }
      Path config = dir.resolve(m.source()).normalize();
      if (!Files.isRegularFile(config)) continue;
      JsonNode jobs = KubeManifests.YAML.readTree(config.toFile()).path("scrape_configs");
      for (int j = 0; j < jobs.size(); j++) {
        JsonNode statics = jobs.get(j).path("static_configs");
        for (int c = 0; c < statics.size(); c++) {
          JsonNode targets = statics.get(c).path("targets");
          for (int t = 0; t < targets.size(); t++) {
            String target = targets.get(t).asText();
            String where = RepoFiles.name(config) + ": scrape_configs[" + j + "].static_configs[" + c + "].targets[" + t
                + "]: '" + target + "'";
            String[] hostPort = target.split(":", 2);
            String image = services.path(hostPort[0]).path("image").asText();
            Integer expected = image.equals(ImageContract.AGENT) ? Integer.valueOf(AGENT_HTTP_PORT)
                : image.equals(ImageContract.CONTROLLER) ? Integer.valueOf(8080) : null;
            if (services.path(hostPort[0]).isMissingNode()) {
              problems.add(where + " is no service of " + file + " " + names(services));
            } else if (expected != null && !String.valueOf(expected).equals(hostPort.length > 1 ? hostPort[1] : "")) {
              problems.add(where + ": service " + hostPort[0] + " serves metrics on " + expected);
            }
          }
        }
      }
    }
  }

  private static List<String> names(JsonNode services) {
    List<String> names = new ArrayList<>();
    services.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Files the operator creates beside the compose file (e.g. the API token), as "./name". */
  static List<String> operatorFiles(Path dir) {
    Path ignore = dir.resolve(".gitignore");
    try {
      return Files.exists(ignore) ? Files.readAllLines(ignore).stream().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> "./" + l.replaceFirst("^/", "")).toList() : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Loads the controller's and every agent's configuration as the container would see its files: each
   * container path is rewritten to where the service's mounts put it here (binds: the repository; named
   * volumes: one folder per volume under {@code work}, shared by the services that mount it; files the
   * operator creates, listed in the compose folder's .gitignore: a placeholder). The controller's public key
   * is generated where its config puts it, so an agent finds it only through the same volume and path.
   */
  private static void configs(String file, Path dir, JsonNode root, Map<String, Map<String, Mount>> mounts, Path work,
      List<String> problems) throws IOException {
    for (String image : List.of(ImageContract.CONTROLLER, ImageContract.AGENT)) { // the controller writes the key first
      for (Map.Entry<String, JsonNode> s : root.path("services").properties()) {
        if (!image.equals(s.getValue().path("image").asText())) continue;
        String where = file + ": services." + s.getKey();
        Path config = configFile(where, s.getValue(), dir, mounts.get(s.getKey()), problems);
        if (config == null) continue;
        String yaml = inContainer(Files.readString(config), dir, mounts.get(s.getKey()), work);
        Map<String, String> env = new LinkedHashMap<>();
        environment(s.getValue()).forEach((k, v) -> env.put(k, INTERPOLATION.matcher(v).matches() ? "placeholder-0123456789" : v));
        if (image.equals(ImageContract.CONTROLLER)) controller(where, s.getValue(), config, yaml, env, work, problems);
        else agent(where, config, yaml, env, problems);
      }
    }
  }

  private static void controller(String where, JsonNode svc, Path config, String yaml, Map<String, String> env, Path work,
      List<String> problems) throws IOException {
    try {
      ControllerConfig cfg = ControllerConfigLoader.parse(yaml, config.getParent(), env, RepoFiles.name(config));
      if (!published(svc, cfg.http().port())) {
        problems.add(where + ".ports: the controller's http.port " + cfg.http().port() + " is not published");
      }
      Path volumes = work.resolve("volumes");
      if (!cfg.dataDir().startsWith(volumes)) problems.add(where + ".volumes: dataDir is on no volume (lost on restart)");
      if (cfg.publicKey().startsWith(volumes)) {
        Files.createDirectories(cfg.publicKey().getParent());
        Files.createDirectories(cfg.privateKey().getParent());
        if (!Files.exists(cfg.publicKey())) KeyFiles.write(KeyFiles.generate(), cfg.privateKey(), cfg.publicKey());
      } else {
        problems.add(where + ".volumes: keys.public is on no volume the agents could mount");
      }
    } catch (io.edgeladder.controller.app.ConfigException e) {
      problems.add(where + ": " + e.getMessage());
    }
  }

  private static void agent(String where, Path config, String yaml, Map<String, String> env, List<String> problems) {
    try {
      var cfg = io.edgeladder.agent.config.ConfigLoader.parse(yaml, config.getParent(), env);
      if (cfg.http().port() != AGENT_HTTP_PORT || !"0.0.0.0".equals(cfg.http().host())) {
        problems.add(where + ": " + RepoFiles.name(config) + " http must listen on 0.0.0.0:" + AGENT_HTTP_PORT
            + " (the image's metrics port, scraped by Prometheus) but is " + cfg.http().host() + ":" + cfg.http().port());
      }
    } catch (io.edgeladder.agent.config.ConfigException e) {
      problems.add(where + ": " + RepoFiles.name(config) + ": " + String.join("; ", e.problems()));
    }
  }

  private static String inContainer(String yaml, Path dir, Map<String, Mount> mounts, Path work) throws IOException {
    List<Mount> byLength = mounts.values().stream()
        .sorted(Comparator.comparingInt((Mount x) -> -x.target().length())).toList();
    for (Mount m : byLength) {
      Path host;
      if (!m.bind()) {
        host = Files.createDirectories(work.resolve("volumes").resolve(m.source()));
      } else if (Files.exists(dir.resolve(m.source()))) {
        host = dir.resolve(m.source()).normalize();
      } else { // created by the operator (checked to be in .gitignore)
        host = work.resolve("operator").resolve(Path.of(m.source()).getFileName());
        Files.createDirectories(host.getParent());
        Files.writeString(host, "placeholder-token-0123456789\n");
      }
      yaml = yaml.replace(m.target(), host.toString());
    }
    return yaml;
  }

  private static Path configFile(String where, JsonNode svc, Path dir, Map<String, Mount> mounts, List<String> problems) {
    List<String> command = new ArrayList<>();
    svc.path("command").forEach(c -> command.add(c.asText()));
    int at = command.indexOf("--config");
    if (at < 0 || at + 1 >= command.size()) {
      problems.add(where + ".command: no --config FILE");
      return null;
    }
    Mount m = mounts.get(command.get(at + 1));
    if (m == null || !m.bind()) {
      problems.add(where + ".volumes: nothing mounts the --config file " + command.get(at + 1));
      return null;
    }
    Path file = dir.resolve(m.source()).normalize();
    return Files.isRegularFile(file) ? file : null;
  }

  private static boolean published(JsonNode svc, int port) {
    for (JsonNode p : svc.path("ports")) {
      String text = p.isObject() ? p.path("target").asText() : p.asText();
      if (text.endsWith(":" + port) || text.equals(String.valueOf(port))) return true;
    }
    return false;
  }

  private static Mount mount(JsonNode v) {
    if (v.isObject()) {
      return new Mount(v.path("source").asText(), "bind".equals(v.path("type").asText()), v.path("target").asText());
    }
    String[] parts = v.asText().split(":");
    boolean bind = parts[0].startsWith(".") || parts[0].startsWith("/");
    return new Mount(parts[0], bind, parts.length > 1 ? parts[1] : parts[0]);
  }

  private static Map<String, String> environment(JsonNode svc) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode e = svc.path("environment");
    if (e.isObject()) e.properties().forEach(x -> env.put(x.getKey(), x.getValue().asText()));
    else e.forEach(x -> {
      String[] kv = x.asText().split("=", 2);
      env.put(kv[0], kv.length > 1 ? kv[1] : "");
    });
    return env;
  }
}
