package io.edgeladder.deploy.manifests;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.edgeladder.controller.app.ConfigException;
import io.edgeladder.controller.app.ControllerConfigLoader;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Validates a {@code deploy/k8s} folder: the kustomization, every object typed by the Kubernetes API model,
 * then what the model cannot know: images of the contract, controller probes on its open routes, Service
 * ports that reach a container port, non-root pods with resource bounds, Secrets holding only placeholders,
 * references to Secrets and ConfigMaps that exist, and the controller's config map loading with the
 * controller's own loader. Each problem names the file, the object and the field.
 */
final class K8sValidation {
  static final String PLACEHOLDER = "CHANGE_ME";
  /** Secrets the operator creates by hand from gen-certs.sh output (docs/quickstart-kubernetes.md). */
  static final Set<String> EXTERNAL_SECRETS = Set.of("edgeladder-emqx-tls");
  private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|TOKEN|SECRET|COOKIE|_KEY)$");

  /** The fields of a kustomization.yaml these manifests use; any other field fails the read. */
  record Kustomization(@JsonProperty("apiVersion") String apiVersion, @JsonProperty("kind") String kind,
      @JsonProperty("namespace") String namespace, @JsonProperty("labels") List<Map<String, Object>> labels,
      @JsonProperty("resources") List<String> resources) {}

  private K8sValidation() {}

  static KubeManifests.Result load(Path dir) {
    List<String> problems = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    Path kustomization = dir.resolve("kustomization.yaml");
    try {
      Kustomization k = KubeManifests.YAML.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(kustomization.toFile(), Kustomization.class);
      String name = RepoFiles.name(kustomization);
      if (k.namespace() == null) problems.add(name + ": field namespace is missing");
      List<String> listed = k.resources() == null ? List.of() : k.resources();
      for (String r : listed) {
        Path f = dir.resolve(r);
        if (Files.isRegularFile(f)) files.add(f);
        else problems.add(name + ": field resources: '" + r + "' does not exist");
      }
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.toString().endsWith(".yaml") && !p.equals(kustomization))
            .filter(p -> !listed.contains(p.getFileName().toString()))
            .forEach(p -> problems.add(name + ": field resources: " + p.getFileName() + " is not listed"));
      }
    } catch (IOException e) {
      if (!(e instanceof com.fasterxml.jackson.core.JsonProcessingException j)) throw new UncheckedIOException(e);
      problems.add(RepoFiles.name(kustomization) + ": " + j.getOriginalMessage());
    }
    KubeManifests.Result typed = KubeManifests.load(files);
    problems.addAll(typed.problems());
    return new KubeManifests.Result(typed.docs(), problems);
  }

  static List<String> validate(Path dir) {
    KubeManifests.Result r = load(dir);
    List<String> problems = new ArrayList<>(r.problems());
    Map<String, Secret> secrets = r.all(Secret.class).stream()
        .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s, (a, b) -> a));
    Set<String> configMaps = names(r.all(ConfigMap.class).stream().map(c -> c.getMetadata().getName()));
    Set<String> claims = names(r.all(PersistentVolumeClaim.class).stream().map(c -> c.getMetadata().getName()));
    Set<String> openRoutes = ControllerRoutes.openGetPaths();
    for (Workload w : Workload.all(r)) {
      PodSpec pod = w.template().getSpec();
      if (pod.getSecurityContext() == null || !Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot())) {
        problems.add(w.problem(Workload.POD + ".securityContext.runAsNonRoot", "must be true"));
      }
      var seccomp = pod.getSecurityContext() == null ? null : pod.getSecurityContext().getSeccompProfile();
      if (seccomp == null || !"RuntimeDefault".equals(seccomp.getType())) { // the namespace enforces "restricted"
        problems.add(w.problem(Workload.POD + ".securityContext.seccompProfile.type", "must be RuntimeDefault"));
      }
      Set<String> volumes = new java.util.HashSet<>();
      for (int i = 0; i < pod.getVolumes().size(); i++) {
        Volume v = pod.getVolumes().get(i);
        volumes.add(v.getName());
        String field = Workload.POD + ".volumes[" + i + "]";
        if (v.getConfigMap() != null && !configMaps.contains(v.getConfigMap().getName())) {
          problems.add(w.problem(field + ".configMap.name", "no ConfigMap '" + v.getConfigMap().getName() + "'"));
        }
        if (v.getSecret() != null && !secrets.containsKey(v.getSecret().getSecretName())
            && !EXTERNAL_SECRETS.contains(v.getSecret().getSecretName())) {
          problems.add(w.problem(field + ".secret.secretName", "no Secret '" + v.getSecret().getSecretName() + "'"));
        }
        if (v.getPersistentVolumeClaim() != null && !claims.contains(v.getPersistentVolumeClaim().getClaimName())) {
          problems.add(w.problem(field + ".persistentVolumeClaim.claimName",
              "no PersistentVolumeClaim '" + v.getPersistentVolumeClaim().getClaimName() + "'"));
        }
      }
      if (w.doc().object() instanceof StatefulSet s && s.getSpec().getVolumeClaimTemplates() != null) {
        s.getSpec().getVolumeClaimTemplates().forEach(t -> volumes.add(t.getMetadata().getName()));
      }
      for (int i = 0; i < pod.getContainers().size(); i++) {
        checkContainer(w, Workload.POD + ".containers[" + i + "]", pod.getContainers().get(i), volumes, secrets,
            openRoutes, problems);
      }
    }
    checkServices(r, problems);
    checkSecrets(r, problems);
    checkControllerConfig(r, problems);
    return problems;
  }

  private static void checkContainer(Workload w, String field, Container c, Set<String> volumes,
      Map<String, Secret> secrets, Set<String> openRoutes, List<String> problems) {
    String image = ImageContract.problem(c.getImage());
    if (image != null) problems.add(w.problem(field + ".image", image));
    var sc = c.getSecurityContext();
    if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
      problems.add(w.problem(field + ".securityContext.allowPrivilegeEscalation", "must be false"));
    }
    if (sc == null || sc.getCapabilities() == null || !sc.getCapabilities().getDrop().contains("ALL")) {
      problems.add(w.problem(field + ".securityContext.capabilities.drop", "must contain ALL"));
    }
    var res = c.getResources();
    for (String kind : List.of("requests", "limits")) {
      var m = res == null ? null : kind.equals("requests") ? res.getRequests() : res.getLimits();
      for (String what : List.of("cpu", "memory")) {
        if (m == null || !m.containsKey(what)) problems.add(w.problem(field + ".resources." + kind + "." + what, "missing"));
      }
    }
    Set<String> portNames = c.getPorts().stream().map(ContainerPort::getName).filter(n -> n != null)
        .collect(Collectors.toSet());
    Set<Integer> portNumbers = c.getPorts().stream().map(ContainerPort::getContainerPort).collect(Collectors.toSet());
    Map<String, Probe> probes = new java.util.LinkedHashMap<>();
    probes.put("livenessProbe", c.getLivenessProbe());
    probes.put("readinessProbe", c.getReadinessProbe());
    probes.put("startupProbe", c.getStartupProbe());
    boolean controller = ImageContract.CONTROLLER.equals(c.getImage());
    probes.forEach((name, probe) -> {
      if (probe == null) {
        if (controller && !name.equals("startupProbe")) problems.add(w.problem(field + "." + name, "missing"));
        return;
      }
      if (probe.getHttpGet() == null) return;
      String path = probe.getHttpGet().getPath();
      if (!reaches(probe.getHttpGet().getPort(), portNames, portNumbers)) {
        problems.add(w.problem(field + "." + name + ".httpGet.port", "'" + show(probe.getHttpGet().getPort())
            + "' is no port of the container " + portNames));
      }
      if (controller && !openRoutes.contains(path)) {
        problems.add(w.problem(field + "." + name + ".httpGet.path", "'" + path
            + "' is no GET route of the controller open without a token (openapi.yaml: " + openRoutes + ")"));
      }
    });
    if (controller) {
      if (sc == null || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
        problems.add(w.problem(field + ".securityContext.readOnlyRootFilesystem", "must be true for the controller"));
      }
      expectPath(w, field + ".readinessProbe", c.getReadinessProbe(), "/api/v1/ready", problems);
      expectPath(w, field + ".livenessProbe", c.getLivenessProbe(), "/api/v1/health", problems);
    }
    for (int i = 0; i < c.getVolumeMounts().size(); i++) {
      String v = c.getVolumeMounts().get(i).getName();
      if (!volumes.contains(v)) problems.add(w.problem(field + ".volumeMounts[" + i + "].name", "no volume '" + v + "'"));
    }
    for (int i = 0; i < c.getEnv().size(); i++) {
      EnvVar e = c.getEnv().get(i);
      String f = field + ".env[" + i + "]";
      if (e.getValue() != null && SECRET_NAME.matcher(e.getName()).matches()) {
        problems.add(w.problem(f + ".value", e.getName() + " holds a literal: take it from a Secret (secretKeyRef)"));
      }
      var ref = e.getValueFrom() == null ? null : e.getValueFrom().getSecretKeyRef();
      if (ref == null) continue;
      Secret s = secrets.get(ref.getName());
      if (s == null) problems.add(w.problem(f + ".valueFrom.secretKeyRef.name", "no Secret '" + ref.getName() + "'"));
      else if (!keys(s).contains(ref.getKey())) {
        problems.add(w.problem(f + ".valueFrom.secretKeyRef.key", "Secret '" + ref.getName() + "' has no key '"
            + ref.getKey() + "' " + keys(s)));
      }
    }
  }

  private static void expectPath(Workload w, String field, Probe p, String path, List<String> problems) {
    if (p != null && (p.getHttpGet() == null || !path.equals(p.getHttpGet().getPath()))) {
      problems.add(w.problem(field + ".httpGet.path", "must be " + path));
    }
  }

  private static void checkServices(KubeManifests.Result r, List<String> problems) {
    List<Workload> workloads = Workload.all(r);
    for (Service s : r.all(Service.class)) {
      String where = r.doc(s).where();
      Map<String, String> selector = s.getSpec().getSelector();
      List<Workload> selected = workloads.stream().filter(w -> selector != null && !selector.isEmpty()
          && w.template().getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
      if (selected.isEmpty()) {
        problems.add(where + ": field spec.selector: " + selector + " selects no Deployment or StatefulSet");
        continue;
      }
      for (int i = 0; i < s.getSpec().getPorts().size(); i++) {
        ServicePort p = s.getSpec().getPorts().get(i);
        IntOrString target = p.getTargetPort() != null ? p.getTargetPort() : new IntOrString(p.getPort());
        for (Workload w : selected) {
          List<ContainerPort> ports = w.template().getSpec().getContainers().stream()
              .flatMap(c -> c.getPorts().stream()).toList();
          Set<String> names = ports.stream().map(ContainerPort::getName).filter(n -> n != null).collect(Collectors.toSet());
          Set<Integer> numbers = ports.stream().map(ContainerPort::getContainerPort).collect(Collectors.toSet());
          if (!reaches(target, names, numbers)) {
            problems.add(where + ": field spec.ports[" + i + "].targetPort: '" + show(target) + "' is no container port of "
                + w.doc().object().getKind() + " " + w.doc().object().getMetadata().getName() + " " + names);
          }
        }
      }
    }
    for (StatefulSet s : r.all(StatefulSet.class)) {
      String svc = s.getSpec().getServiceName();
      boolean headless = r.all(Service.class).stream().anyMatch(x -> x.getMetadata().getName().equals(svc)
          && "None".equals(x.getSpec().getClusterIP()));
      if (!headless) problems.add(r.doc(s).where() + ": field spec.serviceName: '" + svc + "' is no headless Service");
    }
  }

  private static void checkSecrets(KubeManifests.Result r, List<String> problems) {
    for (Secret s : r.all(Secret.class)) {
      String where = r.doc(s).where();
      if (s.getData() != null && !s.getData().isEmpty()) {
        problems.add(where + ": field data: use stringData with " + PLACEHOLDER + " placeholders, no encoded values");
      }
      if (s.getStringData() == null) continue;
      s.getStringData().forEach((key, value) -> {
        List<String> lines = value.lines().filter(l -> !l.isBlank()).toList();
        for (int i = 0; i < lines.size(); i++) {
          boolean header = i == 0 && lines.size() > 1 && !lines.get(0).contains(PLACEHOLDER);
          if (!header && !lines.get(i).contains(PLACEHOLDER)) {
            problems.add(where + ": field stringData." + key + ": line " + (i + 1) + " holds a value that is not the "
                + PLACEHOLDER + " placeholder");
          }
        }
      });
    }
  }

  /** The controller's ConfigMap must load with the controller's loader, secrets coming from the environment. */
  private static void checkControllerConfig(KubeManifests.Result r, List<String> problems) {
    for (Workload w : Workload.all(r)) {
      for (Container c : w.template().getSpec().getContainers()) {
        if (!ImageContract.CONTROLLER.equals(c.getImage())) continue;
        List<String> args = c.getArgs();
        int at = args.indexOf("--config");
        if (at < 0 || at + 1 >= args.size()) {
          problems.add(w.problem("spec.template.spec.containers.args", "no --config FILE"));
          continue;
        }
        Path file = Path.of(args.get(at + 1));
        var mount = c.getVolumeMounts().stream().filter(m -> file.startsWith(m.getMountPath())).findFirst();
        var volume = mount.flatMap(m -> w.template().getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals(m.getName()) && v.getConfigMap() != null).findFirst());
        var map = volume.flatMap(v -> r.all(ConfigMap.class).stream()
            .filter(m -> m.getMetadata().getName().equals(v.getConfigMap().getName())).findFirst());
        String yaml = map.map(m -> m.getData().get(file.getFileName().toString())).orElse(null);
        if (yaml == null) {
          problems.add(w.problem("spec.template.spec.containers.args", "--config " + file
              + " is not a key of a ConfigMap mounted there"));
          continue;
        }
        Map<String, String> env = new HashMap<>();
        c.getEnv().forEach(e -> env.put(e.getName(), e.getValue() != null ? e.getValue() : "placeholder-0123456789"));
        String where = r.doc(map.get()).where() + ": field data." + file.getFileName();
        try {
          var cfg = ControllerConfigLoader.parse(yaml, file.getParent(), env, where);
          boolean served = c.getPorts().stream().anyMatch(p -> p.getContainerPort() == cfg.http().port());
          if (!served) problems.add(where + ": http.port " + cfg.http().port() + " is no containerPort of the controller");
          boolean persisted = c.getVolumeMounts().stream().anyMatch(m -> cfg.dataDir().startsWith(m.getMountPath()));
          if (!persisted) problems.add(where + ": dataDir " + cfg.dataDir() + " is on no volume (lost on restart)");
        } catch (ConfigException e) {
          problems.add(where + ": " + e.getMessage());
        }
      }
    }
  }

  private static boolean reaches(IntOrString port, Set<String> names, Set<Integer> numbers) {
    if (port == null) return false;
    return port.getStrVal() != null ? names.contains(port.getStrVal()) : numbers.contains(port.getIntVal());
  }

  private static String show(IntOrString port) {
    return port == null ? "none" : port.getStrVal() != null ? port.getStrVal() : String.valueOf(port.getIntVal());
  }

  private static Set<String> keys(Secret s) {
    Set<String> k = new java.util.TreeSet<>();
    if (s.getStringData() != null) k.addAll(s.getStringData().keySet());
    if (s.getData() != null) k.addAll(s.getData().keySet());
    return k;
  }

  private static Set<String> names(Stream<String> s) {
    return s.collect(Collectors.toSet());
  }
}
