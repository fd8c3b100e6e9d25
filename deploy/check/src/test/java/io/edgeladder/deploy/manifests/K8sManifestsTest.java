package io.edgeladder.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/k8s: typed by the Kubernetes API model (fabric8) and checked against the controller and the images. */
class K8sManifestsTest {
  private static final Path K8S = RepoFiles.root().resolve("deploy/k8s");

  @TempDir
  Path copy;

  @Test
  void repoManifests_validate_noProblems() {
    assertThat(K8sValidation.validate(K8S)).isEmpty();
  }

  @Test
  void repoManifests_holdTheControllerTier() {
    KubeManifests.Result r = K8sValidation.load(K8S);
    assertThat(r.problems()).isEmpty();
    Deployment controller = r.all(Deployment.class).stream()
        .filter(d -> d.getMetadata().getName().equals("edgeladder-controller")).findFirst().orElseThrow();
    var container = controller.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo(ImageContract.CONTROLLER);
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/api/v1/health");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/api/v1/ready");
    assertThat(ControllerRoutes.openGetPaths()).contains("/api/v1/health", "/api/v1/ready");
    StatefulSet emqx = r.all(StatefulSet.class).stream()
        .filter(s -> s.getMetadata().getName().equals("emqx")).findFirst().orElseThrow();
    assertThat(emqx.getSpec().getReplicas()).isEqualTo(3);
    assertThat(r.all(Service.class)).anySatisfy(s -> {
      assertThat(s.getMetadata().getName()).isEqualTo(emqx.getSpec().getServiceName());
      assertThat(s.getSpec().getClusterIP()).isEqualTo("None");
    });
    assertThat(r.all(StatefulSet.class)).extracting(s -> s.getMetadata().getName()).contains("postgres");
  }

  @Test
  void misspeltField_failsNamingFileObjectAndField() throws IOException {
    breakCopy("controller.yaml", s -> s.replaceFirst("(livenessProbe:\\s+)httpGet:", "$1httpGett:"));
    assertThat(K8sValidation.validate(copy)).anySatisfy(p -> assertThat(p)
        .contains("controller.yaml").contains("Deployment edgeladder-controller")
        .contains("unknown field spec.template.spec.containers[0].livenessProbe.httpGett"));
  }

  @Test
  void wrongType_failsNamingTheField() throws IOException {
    breakCopy("emqx.yaml", s -> s.replace("replicas: 3", "replicas: three"));
    assertThat(K8sValidation.validate(copy)).anySatisfy(p -> assertThat(p)
        .contains("emqx.yaml").contains("StatefulSet").contains("field spec.replicas"));
  }

  @Test
  void probeOnAProtectedOrMissingRoute_fails() throws IOException {
    breakCopy("controller.yaml", s -> s.replace("path: /api/v1/ready", "path: /api/v1/agents"));
    assertThat(K8sValidation.validate(copy)).anySatisfy(p -> assertThat(p)
        .contains("controller.yaml").contains("readinessProbe.httpGet.path")
        .contains("'/api/v1/agents' is no GET route of the controller open without a token"));
  }

  @Test
  void servicePortToNoContainerPort_fails() throws IOException {
    breakCopy("controller.yaml", s -> s.replace("{name: http, port: 8080, targetPort: http}",
        "{name: http, port: 8080, targetPort: web}"));
    assertThat(K8sValidation.validate(copy)).anySatisfy(p -> assertThat(p)
        .contains("Service edgeladder-controller").contains("spec.ports[0].targetPort: 'web' is no container port"));
  }

  @Test
  void plaintextSecret_fails() throws IOException {
    breakCopy("secrets.yaml", s -> s.replaceFirst("api-token: CHANGE_ME", "api-token: s3cr3t-token-1234567"));
    breakCopy("controller.yaml", s -> s.replace("{name: JAVA_TOOL_OPTIONS,", "{name: DB_PASSWORD, value: hunter2}\n"
        + "            - {name: JAVA_TOOL_OPTIONS,"));
    assertThat(K8sValidation.validate(copy))
        .anySatisfy(p -> assertThat(p).contains("secrets.yaml").contains("field stringData.api-token"))
        .anySatisfy(p -> assertThat(p).contains("DB_PASSWORD holds a literal"));
  }

  @Test
  void imageOutsideTheContract_fails() throws IOException {
    breakCopy("controller.yaml", s -> s.replace(ImageContract.CONTROLLER, "edgeladder/controller:latest"));
    assertThat(K8sValidation.validate(copy)).anySatisfy(p -> assertThat(p)
        .contains("spec.template.spec.containers[0].image").contains("edgeladder/controller:latest"));
  }

  @Test
  void controllerConfigTheLoaderRefuses_failsWithItsMessage() throws IOException {
    breakCopy("controller.yaml", s -> s.replace("offlineAfterSeconds: 30", "offlineAfterSeconds: -4"));
    assertThat(K8sValidation.validate(copy)).anySatisfy(p -> assertThat(p)
        .contains("ConfigMap edgeladder-controller").contains("offlineAfterSeconds"));
  }

  @Test
  void unlistedManifest_fails() throws IOException {
    breakCopy("kustomization.yaml", s -> s.replace("  - postgres.yaml\n", ""));
    assertThat(K8sValidation.validate(copy)).anySatisfy(p -> assertThat(p)
        .contains("kustomization.yaml").contains("postgres.yaml is not listed"));
  }

  /** Copies deploy/k8s into the temp folder (once) and rewrites one file of the copy. */
  private void breakCopy(String file, UnaryOperator<String> edit) throws IOException {
    if (!Files.exists(copy.resolve("kustomization.yaml"))) {
      try (Stream<Path> files = Files.list(K8S)) {
        for (Path f : files.toList()) Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    Path f = copy.resolve(file);
    String before = Files.readString(f);
    String after = edit.apply(before);
    assertThat(after).as("the edit changes " + file).isNotEqualTo(before);
    Files.writeString(f, after);
  }
}
