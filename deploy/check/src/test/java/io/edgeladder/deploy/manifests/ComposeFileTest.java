package io.edgeladder.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/compose: the compose-spec schema, the image contract, mounted files and the configs it mounts. */
class ComposeFileTest {
  private static final Path COMPOSE = RepoFiles.root().resolve("deploy/compose");

  @TempDir
  Path work;
  private final List<Path> copies = new ArrayList<>();

  @AfterEach
  void deleteCopies() throws IOException {
    for (Path dir : copies) {
      try (var s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
      }
    }
  }

  @Test
  void repoComposeFile_validates_noProblems() {
    assertThat(ComposeValidation.validate(COMPOSE.resolve("compose.yaml"), work)).isEmpty();
  }

  @Test
  void repoComposeFile_runsTheLaptopFleet() throws IOException {
    JsonNode services = KubeManifests.YAML.readTree(COMPOSE.resolve("compose.yaml").toFile()).path("services");
    List<String> images = new ArrayList<>();
    services.forEach(s -> images.add(s.path("image").asText()));
    assertThat(images).filteredOn(ImageContract.AGENT::equals).hasSize(2);
    assertThat(images).contains(ImageContract.CONTROLLER).anyMatch(i -> i.startsWith("eclipse-mosquitto:"))
        .anyMatch(i -> i.startsWith("prom/prometheus:")).anyMatch(i -> i.startsWith("grafana/grafana:"));
  }

  @Test
  void schemaViolation_failsNamingFileAndField() throws IOException {
    Path broken = brokenCopy(s -> s.replaceFirst("restart: unless-stopped", "restrat: unless-stopped"));
    assertThat(ComposeValidation.validate(broken, work)).anySatisfy(p -> assertThat(p)
        .contains("deploy/compose").contains("compose.yaml").contains("$.services.mosquitto").contains("restrat"));
  }

  @Test
  void wrongType_failsNamingTheField() throws IOException {
    Path broken = brokenCopy(s -> s.replace("- \"8080:8080\"", "- {published: [8080]}"));
    assertThat(ComposeValidation.validate(broken, work)).anySatisfy(p -> assertThat(p)
        .contains("compose.yaml").contains("$.services.controller.ports[0]"));
  }

  @Test
  void missingMountedFile_fails() throws IOException {
    Path broken = brokenCopy(s -> s.replace("./agents/gw-02.yaml:", "./agents/gw-03.yaml:"));
    assertThat(ComposeValidation.validate(broken, work)).anySatisfy(p -> assertThat(p)
        .contains("services.agent-gw-02.volumes[0]").contains("./agents/gw-03.yaml does not exist"));
  }

  @Test
  void literalSecret_fails() throws IOException {
    Path broken = brokenCopy(s -> s.replace("GF_SECURITY_ADMIN_PASSWORD: ${GRAFANA_ADMIN_PASSWORD:?set GRAFANA_ADMIN_PASSWORD}",
        "GF_SECURITY_ADMIN_PASSWORD: admin123"));
    assertThat(ComposeValidation.validate(broken, work)).anySatisfy(p -> assertThat(p)
        .contains("services.grafana.environment.GF_SECURITY_ADMIN_PASSWORD: a literal secret"));
  }

  @Test
  void agentWithoutTheControllerKeyVolume_failsWithTheAgentLoadersMessage() throws IOException {
    Path broken = brokenCopy(s -> s.replaceFirst("      - controller-data:/etc/edgeladder/controller:ro\n", ""));
    assertThat(ComposeValidation.validate(broken, work)).anySatisfy(p -> assertThat(p)
        .contains("services.agent-gw-01").contains("control.publicKey"));
  }

  @Test
  void controllerPortNotPublished_fails() throws IOException {
    Path broken = brokenCopy(s -> s.replace("- \"8080:8080\"", "- \"8081:8081\""));
    assertThat(ComposeValidation.validate(broken, work)).anySatisfy(p -> assertThat(p)
        .contains("services.controller.ports: the controller's http.port 8080 is not published"));
  }

  @Test
  void prometheusTargetOfNoService_fails() throws IOException {
    Path broken = brokenCopy(s -> s.replace("  agent-gw-02:\n", "  gateway-02:\n"));
    assertThat(ComposeValidation.validate(broken, work)).anySatisfy(p -> assertThat(p)
        .contains("deploy/prometheus/prometheus.yml").contains("'agent-gw-02:9464' is no service"));
  }

  /** The compose folder copied beside the repository's (so ../../models and ../prometheus still resolve). */
  private Path brokenCopy(UnaryOperator<String> edit) throws IOException {
    Path dir = Files.createTempDirectory(COMPOSE.getParent(), "compose-broken-");
    copies.add(dir);
    copyTree(COMPOSE, dir);
    Path f = dir.resolve("compose.yaml");
    String before = Files.readString(f);
    String after = edit.apply(before);
    assertThat(after).as("the edit changes compose.yaml").isNotEqualTo(before);
    Files.writeString(f, after);
    return f;
  }

  private void copyTree(Path from, Path to) throws IOException {
    try (var s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t);
      }
    }
  }
}
