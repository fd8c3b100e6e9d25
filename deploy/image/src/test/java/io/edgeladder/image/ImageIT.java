package io.edgeladder.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeladder.broker.EmbeddedBroker;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The built archives (target/edgeladder-{agent,controller}-oci.tar) read as an image consumer would, and the
 * amd64 images run for real: layers unpacked into a rootfs, the entrypoint run chrooted as the image's user
 * (needs root, as CI runs; skipped otherwise).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ImageIT {
  private static final Path TARGET = Path.of(System.getProperty("image.dir", "target"));
  private static final String VERSION = System.getProperty("image.version", "0.1.0-SNAPSHOT");
  private static final Path WORK = TARGET.resolve("image-it");
  private static final Map<String, OciLayout> LAYOUTS = new HashMap<>();
  private static final Map<String, Path> ROOTS = new HashMap<>();

  @BeforeAll
  static void unpack() throws Exception {
    Tools.run(List.of("rm", "-rf", WORK.toString()));
    for (String app : List.of("agent", "controller")) {
      LAYOUTS.put(app, OciLayout.unpack(TARGET.resolve("edgeladder-" + app + "-oci.tar"), WORK.resolve(app)));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"agent", "controller"})
  void archive_indexOfTwoPlatforms_everyDigestAndSizeMatchesItsBlob(String app) throws Exception {
    OciLayout layout = LAYOUTS.get(app);
    assertThat(Files.readString(layout.dir.resolve("oci-layout"))).contains("\"imageLayoutVersion\":\"1.0.0\"");
    JsonNode top = layout.layoutIndex().get("manifests");
    assertThat(top).hasSize(1);
    assertThat(top.get(0).get("mediaType").asText()).isEqualTo(Blob.INDEX);
    assertThat(top.get(0).at("/annotations/org.opencontainers.image.ref.name").asText())
        .isEqualTo("edgeladder/" + app + ":" + VERSION);
    JsonNode index = layout.json(top.get(0));
    assertThat(index.get("manifests")).extracting(m -> m.at("/platform/os").asText() + "/"
        + m.at("/platform/architecture").asText()).containsExactly("linux/amd64", "linux/arm64");
    for (JsonNode descriptor : index.get("manifests")) {
      assertThat(descriptor.get("mediaType").asText()).isEqualTo(Blob.MANIFEST);
      JsonNode manifest = layout.json(descriptor);
      assertThat(manifest.get("config").get("mediaType").asText()).isEqualTo(Blob.CONFIG);
      JsonNode config = layout.json(manifest.get("config"));
      assertThat(config.get("architecture").asText()).isEqualTo(descriptor.at("/platform/architecture").asText());
      JsonNode layers = manifest.get("layers");
      assertThat(layers).hasSize(5);
      assertThat(config.at("/rootfs/diff_ids")).hasSize(layers.size());
      for (int i = 0; i < layers.size(); i++) {
        assertThat(layers.get(i).get("mediaType").asText()).isEqualTo(Blob.LAYER);
        assertThat(OciLayout.diffId(layout.blob(layers.get(i))))
            .as("diff id of layer %d", i).isEqualTo(config.at("/rootfs/diff_ids/" + i).asText());
      }
    }
  }

  @Test
  void agentConfig_bothPlatforms_entrypointNonRootUserPortEnvLabels() throws Exception {
    for (String arch : List.of("amd64", "arm64")) {
      JsonNode c = config("agent", arch).get("config");
      assertCommon(c, 9464);
      assertThat(OciLayout.texts(c.get("Entrypoint"))).containsExactly("/opt/java/openjdk/bin/java",
          "-Donnxruntime.native.path=/opt/edgeladder/agent/native", "-jar",
          "/opt/edgeladder/agent/edgeladder-agent.jar");
      assertThat(OciLayout.texts(c.get("Cmd"))).containsExactly("--config", "/etc/edgeladder/agent.yaml");
      assertThat(OciLayout.texts(c.get("Env"))).contains("JAVA_TOOL_OPTIONS=" + readmeJvmFlags());
    }
  }

  @Test
  void controllerConfig_bothPlatforms_serveCommandNonRootUserPortLabels() throws Exception {
    for (String arch : List.of("amd64", "arm64")) {
      JsonNode c = config("controller", arch).get("config");
      assertCommon(c, 8080);
      assertThat(OciLayout.texts(c.get("Entrypoint"))).endsWith("-jar",
          "/opt/edgeladder/controller/edgeladder-controller.jar");
      assertThat(OciLayout.texts(c.get("Cmd"))).containsExactly("serve", "--config", "/etc/edgeladder/controller.yaml");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"amd64", "arm64"})
  void layers_nativeBinaries_matchThePlatformsElfMachine(String arch) throws Exception {
    Platform platform = arch.equals("amd64") ? Platform.AMD64 : Platform.ARM64;
    for (String app : List.of("agent", "controller")) {
      Path root = rootfs(app, arch);
      for (String binary : List.of("opt/java/openjdk/bin/java", "opt/java/openjdk/lib/server/libjvm.so",
          "opt/edgeladder/" + app + "/native/libonnxruntime.so",
          "opt/edgeladder/" + app + "/native/libonnxruntime4j_jni.so",
          "lib/" + platform.triplet() + "/libc.so.6", "usr/lib/" + platform.triplet() + "/libstdc++.so.6")) {
        assertThat(elfMachine(root.resolve(binary))).as("%s %s e_machine", app, binary)
            .isEqualTo(platform.elfMachine());
      }
    }
  }

  @Test
  void rootfs_stateFolders_ownedByTheImageUser() throws Exception {
    assumeRoot();
    for (String app : List.of("agent", "controller")) {
      Path root = rootfs(app, "amd64");
      String own = app.equals("agent") ? "var/lib/edgeladder/spool" : "var/lib/edgeladder/controller";
      for (String dir : List.of("var/lib/edgeladder", own)) {
        assertThat(Files.getAttribute(root.resolve(dir), "unix:uid")).as("%s /%s owner", app, dir).isEqualTo(10001);
      }
      assertThat(Files.getAttribute(root.resolve("opt/edgeladder/" + app), "unix:uid")).isEqualTo(0);
    }
  }

  /** A real consumer: skopeo reads the archive by its reference and copies both platforms, checking digests. */
  @ParameterizedTest
  @ValueSource(strings = {"agent", "controller"})
  void skopeo_copyAll_readsBothPlatforms(String app) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")), "skopeo is not installed");
    Path copy = WORK.resolve("skopeo-" + app);
    String ref = "edgeladder/" + app + ":" + VERSION;
    Tools.run(List.of("skopeo", "copy", "--all", "oci-archive:" + TARGET.resolve("edgeladder-" + app + "-oci.tar")
        + ":" + ref, "oci:" + copy + ":" + VERSION));
    String raw = Tools.run(List.of("skopeo", "inspect", "--raw", "oci:" + copy + ":" + VERSION));
    assertThat(raw).contains("\"architecture\":\"amd64\"", "\"architecture\":\"arm64\"");
    String arm = Tools.run(List.of("skopeo", "inspect", "--override-arch", "arm64", "oci:" + copy + ":" + VERSION));
    assertThat(arm).contains("\"Architecture\": \"arm64\"");
  }

  @Test
  void agentImage_amd64_checksItsBakedConfig() throws Exception {
    assumeRoot();
    Tools.Result r = runAgent(Map.of(), List.of("--config", "/etc/edgeladder/agent.yaml", "--check"));
    assertThat(r.output()).contains("/etc/edgeladder/agent.yaml: OK (1 pipeline(s))");
    assertThat(r.exit()).isZero();
  }

  @Test
  void agentImage_amd64_invalidEnvOverride_exits2NamingTheKey() throws Exception {
    assumeRoot();
    Tools.Result r = runAgent(Map.of("EDGELADDER_PIPELINES_0_DEADLINE_MS", "-5"),
        List.of("--config", "/etc/edgeladder/agent.yaml", "--check"));
    assertThat(r.exit()).as(r.output()).isEqualTo(2);
    assertThat(r.output()).contains("deadlineMs");
  }

  @Test
  void agentImage_amd64_againstLoopbackBroker_becomesReady() throws Exception {
    assumeRoot();
    try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort())) {
      int port = freePort();
      Map<String, String> env = Map.of("EDGELADDER_BROKER_URL", broker.url(), "EDGELADDER_HTTP_PORT",
          String.valueOf(port), "EDGELADDER_AGENT_ID", "image-it");
      assertReady(start("agent", env, List.of()), "http://127.0.0.1:" + port + "/ready");
    }
  }

  @Test
  void controllerImage_amd64_againstLoopbackBroker_becomesReady() throws Exception {
    assumeRoot();
    try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort())) {
      int port = freePort();
      Map<String, String> env = Map.of("EDGELADDER_BROKER_URL", broker.url(), "EDGELADDER_HTTP_PORT",
          String.valueOf(port));
      assertReady(start("controller", env, List.of()), "http://127.0.0.1:" + port + "/api/v1/ready");
    }
  }

  /** qemu-user runs the arm64 image's java; skipped when qemu-user-static is not installed. */
  @Test
  void agentImage_arm64_javaVersionUnderQemu() throws Exception {
    assumeRoot();
    Path qemu = Path.of("/usr/bin/qemu-aarch64-static");
    assumeTrue(Files.isExecutable(qemu), "qemu-user-static is not installed");
    Path root = rootfs("agent", "arm64");
    Files.copy(qemu, root.resolve("qemu-aarch64-static"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Path log = WORK.resolve("arm64-java-version.log");
    Process p = Tools.chroot(root, "10001:10001", List.of("/qemu-aarch64-static", "/opt/java/openjdk/bin/java",
        "-version"), Map.of(), log);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(log)).contains("openjdk version \"17.");
    assertThat(p.exitValue()).isZero();
  }

  /** chroot, bind mounts and unpacked owners need root (CI runs as root). */
  private static void assumeRoot() throws IOException {
    assumeTrue(Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid")),
        "runs as root only (chroot, mount, file owners)");
  }

  private static void assertCommon(JsonNode c, int port) throws IOException {
    assertThat(c.get("User").asText()).isEqualTo("10001:10001");
    assertThat(c.get("ExposedPorts").fieldNames()).toIterable().containsExactly(port + "/tcp");
    assertThat(c.at("/Labels/org.opencontainers.image.version").asText()).isEqualTo(VERSION);
    assertThat(c.at("/Labels/org.opencontainers.image.source").asText()).startsWith("https://");
    assertThat(OciLayout.texts(c.get("Env"))).contains("JAVA_HOME=/opt/java/openjdk", "ORT_DISABLE_TELEMETRY=1");
  }

  private static JsonNode config(String app, String arch) throws Exception {
    OciLayout layout = LAYOUTS.get(app);
    JsonNode index = layout.json(layout.layoutIndex().get("manifests").get(0));
    JsonNode manifest = layout.json(layout.manifestDescriptor(index, arch));
    JsonNode config = layout.json(manifest.get("config"));
    assertThat(config.get("os").asText()).isEqualTo("linux");
    return config;
  }

  private static synchronized Path rootfs(String app, String arch) throws Exception {
    Path root = ROOTS.get(app + "/" + arch);
    if (root == null) {
      OciLayout layout = LAYOUTS.get(app);
      JsonNode index = layout.json(layout.layoutIndex().get("manifests").get(0));
      root = WORK.resolve("rootfs-" + app + "-" + arch);
      layout.unpackLayers(layout.json(layout.manifestDescriptor(index, arch)), root);
      ROOTS.put(app + "/" + arch, root);
    }
    return root;
  }

  private record Run(Process process, Path log) {
    String output() throws IOException {
      return Files.readString(log);
    }
  }

  /** The image's entrypoint + {@code cmd} (the image's Cmd when empty), chrooted as the image's user. */
  private static Run start(String app, Map<String, String> overrides, List<String> cmd) throws Exception {
    JsonNode c = config(app, "amd64").get("config");
    Map<String, String> env = new LinkedHashMap<>();
    for (String kv : OciLayout.texts(c.get("Env"))) {
      env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    }
    env.putAll(overrides);
    List<String> argv = new java.util.ArrayList<>(OciLayout.texts(c.get("Entrypoint")));
    argv.addAll(cmd.isEmpty() ? OciLayout.texts(c.get("Cmd")) : cmd);
    Path log = WORK.resolve(app + "-" + System.nanoTime() + ".log");
    return new Run(Tools.chroot(rootfs(app, "amd64"), c.get("User").asText(), argv, env, log), log);
  }

  private static Tools.Result runAgent(Map<String, String> env, List<String> cmd) throws Exception {
    Run run = start("agent", env, cmd);
    assertThat(run.process().waitFor(120, TimeUnit.SECONDS)).as("agent --check finished").isTrue();
    return new Tools.Result(run.process().exitValue(), run.output());
  }

  /** Polls {@code url} until 200 (the process must stay alive), then stops the process with SIGTERM. */
  private static void assertReady(Run run, String url) throws Exception {
    Process p = run.process();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    int status = -1;
    try {
      while (status != 200) {
        assertThat(p.isAlive()).as("process alive; log:%n%s", run.output()).isTrue();
        try {
          status = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYetListening) {
          status = -1;
        }
        if (status != 200) {
          p.waitFor(250, TimeUnit.MILLISECONDS);
        }
      }
    } finally {
      p.destroy();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
    }
    assertThat(status).as(run.output()).isEqualTo(200);
  }

  /** README "JVM flags": the code block after the heading, lines joined by a space. */
  private static String readmeJvmFlags() throws IOException {
    String readme = Files.readString(Path.of(System.getProperty("image.repoRoot", "../..")).resolve("README.md"));
    Matcher m = Pattern.compile("## JVM flags\\s+[^`]*```\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(m.find()).as("README has a ## JVM flags code block").isTrue();
    return m.group(1).strip().replaceAll("\\s+", " ");
  }

  private static int elfMachine(Path file) throws IOException {
    assertThat(file).isRegularFile();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] h = in.readNBytes(20);
      assertThat(h[0] == 0x7f && h[1] == 'E' && h[2] == 'L' && h[3] == 'F').as("%s is ELF", file).isTrue();
      return (h[18] & 0xff) | (h[19] & 0xff) << 8;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
