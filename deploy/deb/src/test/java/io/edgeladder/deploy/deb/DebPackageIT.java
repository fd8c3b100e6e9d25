package io.edgeladder.deploy.deb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.broker.MosquittoProcess;
import io.edgeladder.protocol.InferenceResult;
import io.edgeladder.simulator.ConditionSchedule;
import io.edgeladder.simulator.PayloadFormat;
import io.edgeladder.simulator.SensorSimulator;
import io.edgeladder.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent .deb with real dpkg: package metadata and contents, install / upgrade / remove / purge in a throwaway
 * root, and the installed unit's own command lines starting the agent against a real broker (mosquitto, as on a
 * gateway).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DebPackageIT {
  private static final String PKG = "edgeladder-agent";
  private static final Path DEB_DIR = Path.of(System.getProperty("deb.dir", "target"));
  private static final Path AMD64 = deb("amd64");
  private static final Path ARM64 = deb("arm64");
  /** ELF e_machine (bytes 18-19, little-endian) of each package's ONNX Runtime library. */
  private static final Map<Path, Integer> ELF_MACHINE = Map.of(AMD64, 0x3E, ARM64, 0xB7);
  private static final Pattern CONTENTS = Pattern.compile("(\\S+) (\\S+)/(\\S+)\\s+(\\d+) \\S+ \\S+ \\.(/\\S*)");

  @TempDir Path tmp;

  @Test
  void packages_controlConffilesAndContents_matchTheGatewayLayout() throws Exception {
    for (Path deb : List.of(AMD64, ARM64)) {
      String arch = deb.equals(AMD64) ? "amd64" : "arm64";
      assertThat(field(deb, "Package")).isEqualTo(PKG);
      assertThat(field(deb, "Architecture")).isEqualTo(arch);
      assertThat(field(deb, "Depends")).contains("openjdk-17-jre-headless | java17-runtime-headless");
      assertThat(Cmd.run("dpkg-deb", "--info", deb.toString(), "conffiles").ok().out().lines())
          .containsExactly("/etc/edgeladder/agent.yaml", "/etc/default/edgeladder-agent");

      Map<String, String[]> entries = contents(deb);
      assertThat(entries).containsKeys("/usr/share/edgeladder-agent/edgeladder-agent.jar",
          "/usr/share/edgeladder-agent/lib/onnxruntime-1.29.0.jar",
          "/usr/share/edgeladder-agent/models/vibration-cnn/model-card.json",
          "/usr/share/edgeladder-agent/models/vibration-cnn/model.onnx",
          "/usr/lib/edgeladder-agent/onnxruntime/libonnxruntime.so",
          "/usr/lib/edgeladder-agent/onnxruntime/libonnxruntime4j_jni.so",
          "/etc/edgeladder/agent.yaml", "/etc/default/edgeladder-agent", InstalledUnit.PATH);
      entries.forEach((path, e) -> {
        assertThat(e[1] + "/" + e[2]).as("owner of %s", path).isEqualTo("root/root");
        assertThat(e[0]).as("mode of %s", path).isEqualTo(path.endsWith("/") ? "drwxr-xr-x" : "-rw-r--r--");
      });
      assertThat(entries.keySet()).as("the package's state is made by postinst, not shipped")
          .noneMatch(p -> p.startsWith("/var/"));

      Path control = tmp.resolve("control-" + arch);
      Cmd.run("dpkg-deb", "--control", deb.toString(), control.toString()).ok();
      for (String script : List.of("postinst", "prerm", "postrm")) {
        assertThat(Files.getPosixFilePermissions(control.resolve(script))).as(script)
            .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        Cmd.run("sh", "-n", control.resolve(script).toString()).ok();
      }

      Path x = tmp.resolve("x-" + arch);
      Cmd.run("dpkg-deb", "--extract", deb.toString(), x.toString()).ok();
      try (ZipFile ort = new ZipFile(x.resolve("usr/share/edgeladder-agent/lib/onnxruntime-1.29.0.jar").toFile())) {
        assertThat(ort.stream()).as("natives left in the ORT jar").noneMatch(z -> z.getName().contains("/native/"));
        assertThat(ort.getEntry("ai/onnxruntime/OrtSession.class")).isNotNull();
      }
      byte[] elf = Files.readAllBytes(x.resolve("usr/lib/edgeladder-agent/onnxruntime/libonnxruntime.so"));
      assertThat((elf[18] & 0xFF) | (elf[19] & 0xFF) << 8).as("%s libonnxruntime.so e_machine", arch)
          .isEqualTo(ELF_MACHINE.get(deb));
      System.out.printf("DebPackageIT: %s %d bytes, Installed-Size %s KiB, %d entries%n",
          deb.getFileName(), Files.size(deb), field(deb, "Installed-Size"), entries.size());
    }
  }

  @Test
  void unit_systemdAnalyzeVerify_reportsNothing() throws Exception {
    Path x = tmp.resolve("x");
    Cmd.run("dpkg-deb", "--extract", AMD64.toString(), x.toString()).ok();
    // No --root: verify resolves sysinit.target and /usr/bin/java on this host, where the test runs the agent.
    Cmd.Result verify = Cmd.run("systemd-analyze", "verify", x.resolve(InstalledUnit.PATH.substring(1)).toString());
    assertThat(verify.exit()).as(verify.out()).isZero();
    assertThat(verify.out()).as("warnings (unknown keys, bad values)").isEmpty();
  }

  @Test
  void dpkg_installUpgradeRemovePurge_keepsTheUsersConfigUntilPurge() throws Exception {
    DpkgRoot root = DpkgRoot.create(tmp.resolve("root"), List.of("openjdk-17-jre-headless", "passwd"));
    long t0 = System.nanoTime();
    root.install(AMD64);
    long installMs = (System.nanoTime() - t0) / 1_000_000;

    assertThat(root.query(PKG, "db:Status-Abbrev")).startsWith("ii");
    String user = root.passwd("edgeladder");
    assertThat(user).as("system user in the root's passwd").isNotNull().endsWith(":/var/lib/edgeladder:/usr/sbin/nologin");
    int uid = Integer.parseInt(user.split(":")[2]);
    assertThat(uid).as("system uid").isLessThan(1000);
    assertThat(Files.readString(Path.of("/etc/passwd"))).as("host passwd untouched").doesNotContain("\nedgeladder:");
    Path state = root.path("/var/lib/edgeladder");
    assertThat(Files.getAttribute(state, "unix:uid")).isEqualTo(uid);
    assertThat(Files.getAttribute(state, "unix:mode")).isEqualTo(040750);
    Path wants = root.path("/etc/systemd/system/multi-user.target.wants/edgeladder-agent.service");
    assertThat(Files.isSymbolicLink(wants)).as("enabled by deb-systemd-helper in the root").isTrue();

    String edited = root.read("/etc/edgeladder/agent.yaml").replace("id: gw-01", "id: gw-42");
    Files.writeString(root.path("/etc/edgeladder/agent.yaml"), edited);
    Files.writeString(Files.createDirectories(state.resolve("profiles")).resolve("p.profile.json"), "{}");

    Path next = rebuilt(AMD64, "0.1.1", "\n# 0.1.1: a new comment, so that dpkg sees a changed conffile\n");
    root.install(next, "--force-confold");
    assertThat(root.query(PKG, "Version")).isEqualTo("0.1.1");
    assertThat(root.read("/etc/edgeladder/agent.yaml")).isEqualTo(edited);
    assertThat(root.read("/etc/edgeladder/agent.yaml.dpkg-dist")).contains("# 0.1.1");
    assertThat(root.passwd("edgeladder")).isEqualTo(user);
    assertThat(state.resolve("profiles/p.profile.json")).exists();

    root.remove(PKG);
    assertThat(root.query(PKG, "db:Status-Abbrev")).startsWith("rc");
    assertThat(root.path("/usr/share/edgeladder-agent")).doesNotExist();
    assertThat(root.path(InstalledUnit.PATH)).doesNotExist();
    assertThat(root.read("/etc/edgeladder/agent.yaml")).isEqualTo(edited);
    assertThat(state.resolve("profiles/p.profile.json")).as("state kept until purge").exists();

    root.purge(PKG);
    assertThat(root.query(PKG, "db:Status-Abbrev")).isNull();
    assertThat(root.path("/etc/edgeladder/agent.yaml")).doesNotExist();
    assertThat(root.path("/etc/default/edgeladder-agent")).doesNotExist();
    assertThat(state).doesNotExist();
    assertThat(wants).doesNotExist();
    System.out.printf("DebPackageIT: dpkg --install into an empty root took %d ms%n", installMs);
  }

  @Test
  void installedUnit_againstABroker_startsReadyAndPublishesInferenceResults() throws Exception {
    DpkgRoot root = DpkgRoot.create(tmp.resolve("root"), List.of("openjdk-17-jre-headless", "passwd"));
    root.install(AMD64);
    InstalledUnit unit = InstalledUnit.read(root);
    rewriteConfigIntoRoot(root, unit);
    int httpPort = freePort();
    try (MosquittoProcess broker = MosquittoProcess.start()) {
      Map<String, String> env = new HashMap<>(unit.environment());
      env.put("EDGELADDER_BROKER_URL", broker.url());
      env.put("EDGELADDER_HTTP_PORT", Integer.toString(httpPort));
      Path workDir = Path.of(unit.inRoot(unit.one("WorkingDirectory")));

      long t0 = System.nanoTime();
      Cmd.Result check = Cmd.run(unit.command("ExecStartPre"), env, workDir);
      long checkMs = (System.nanoTime() - t0) / 1_000_000;
      assertThat(check.exit()).as(check.out()).isZero();
      assertThat(check.out()).contains("OK (1 pipeline(s))");

      Path log = tmp.resolve("agent.log");
      ProcessBuilder pb = new ProcessBuilder(unit.command("ExecStart")).directory(workDir.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().putAll(env);
      Process agent = pb.start();
      try (ResultCollector results = ResultCollector.subscribe(broker.url(), "gw-01")) {
        long readyMs = awaitReady(agent, httpPort, log, t0);
        try (SensorSimulator sim = SensorSimulator.start(SimulatorConfig.builder().brokerUri(broker.url())
            .clientId("deb-it-sim").machines(List.of("pump-1")).format(PayloadFormat.RAW)
            .schedule(ConditionSchedule.cycle(Duration.ofSeconds(1))).seed(7).qos(1).rateMultiplier(1.0)
            .duration(Duration.ofSeconds(2)).build())) {
          assertThat(sim.awaitDone(Duration.ofSeconds(60))).as("simulator finished").isTrue();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (results.payloads().isEmpty() && System.nanoTime() < deadline && agent.isAlive()) {
          TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(results.payloads()).as("results on inference/gw-01/+; agent log:\n%s", tail(log)).isNotEmpty();
        InferenceResult first = InferenceResult.parse(results.payloads().get(0));
        assertThat(first.agent()).isEqualTo("gw-01");
        assertThat(first.pipeline()).isEqualTo("pump-1");
        assertThat(first.top()).isNotBlank();
        String status = Files.readString(Path.of("/proc", Long.toString(agent.pid()), "status"));
        System.out.printf("DebPackageIT: ExecStartPre %d ms, /ready after %d ms, %d results, agent %s, %s%n",
            checkMs, readyMs, results.payloads().size(), grep(status, "VmRSS:\\s+(\\d+ kB)"), "threads "
                + grep(status, "Threads:\\s+(\\d+)"));
      } finally {
        agent.destroy();
        boolean exited = agent.waitFor(30, TimeUnit.SECONDS);
        if (!exited) agent.destroyForcibly();
        assertThat(exited).as("agent stopped on SIGTERM").isTrue();
      }
      List<String> clean = new ArrayList<>(List.of("0"));
      clean.addAll(List.of(unit.one("SuccessExitStatus").split("\\s+")));
      assertThat(clean).as("exit on SIGTERM counts as a clean stop").contains(Integer.toString(agent.exitValue()));
    }
  }

  @Test
  void installedUnit_brokenConfig_execStartPreAndExecStartExit2NamingTheKeys() throws Exception {
    DpkgRoot root = DpkgRoot.create(tmp.resolve("root"), List.of("openjdk-17-jre-headless", "passwd"));
    root.install(AMD64);
    InstalledUnit unit = InstalledUnit.read(root);
    rewriteConfigIntoRoot(root, unit);
    Path config = root.path("/etc/edgeladder/agent.yaml");
    Files.writeString(config, Files.readString(config).replace("  workers: 1", "  workers: 0")
        .replace("keepAliveSeconds:", "keepAliveSecs:"));
    Path workDir = Path.of(unit.inRoot(unit.one("WorkingDirectory")));

    for (String key : List.of("ExecStartPre", "ExecStart")) {
      Cmd.Result r = Cmd.run(unit.command(key), unit.environment(), workDir);
      assertThat(r.exit()).as("%s exit; output:\n%s", key, r.out()).isEqualTo(2);
      assertThat(r.out()).contains(config.toString()).contains("inference.workers")
          .contains("'keepAliveSecs'").contains("did you mean 'keepAliveSeconds'");
      System.out.println("DebPackageIT, " + key + " on a broken config:\n" + r.out());
    }
    // exit 2 is final whichever command returns it (systemd issue 11868: RestartPreventExitStatus= ignores
    // ExecStartPre, so the unit must not restart on plain failures)
    assertThat(unit.one("Restart")).isEqualTo("on-abnormal");
    assertThat(unit.one("RestartForceExitStatus").split("\\s+")).doesNotContain("2");
    assertThat(unit.one("RestartPreventExitStatus").split("\\s+")).contains("2");
  }

  /** The installed config with the package's paths moved into the root (the agent runs on this host). */
  private static void rewriteConfigIntoRoot(DpkgRoot root, InstalledUnit unit) throws IOException {
    Path config = root.path("/etc/edgeladder/agent.yaml");
    Files.writeString(config, unit.inRoot(Files.readString(config)));
  }

  /** {@code deb} repacked by dpkg-deb as {@code version}, with {@code appended} added to its agent.yaml. */
  private Path rebuilt(Path deb, String version, String appended) throws Exception {
    Path dir = tmp.resolve("rebuild-" + version);
    Cmd.run("dpkg-deb", "--raw-extract", deb.toString(), dir.toString()).ok();
    Path control = dir.resolve("DEBIAN/control");
    Files.writeString(control, Files.readString(control).replaceFirst("(?m)^Version: .*$", "Version: " + version));
    Files.writeString(dir.resolve("etc/edgeladder/agent.yaml"), appended, java.nio.file.StandardOpenOption.APPEND);
    Path out = tmp.resolve(PKG + "_" + version + "_amd64.deb");
    Cmd.run("dpkg-deb", "-Zgzip", "-z1", "--build", dir.toString(), out.toString()).ok();
    return out;
  }

  private static long awaitReady(Process agent, int port, Path log, long t0) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
        .timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!agent.isAlive()) throw new AssertionError("agent exited " + agent.exitValue() + ":\n" + tail(log));
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return (System.nanoTime() - t0) / 1_000_000;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new AssertionError("/ready not 200 within 120 s; agent log:\n" + tail(log));
  }

  private static Map<String, String[]> contents(Path deb) throws Exception {
    Map<String, String[]> entries = new java.util.TreeMap<>();
    for (String line : Cmd.run("dpkg-deb", "--contents", deb.toString()).ok().out().lines().toList()) {
      Matcher m = CONTENTS.matcher(line);
      if (!m.matches()) throw new AssertionError("unexpected dpkg-deb --contents line: " + line);
      if (!m.group(5).equals("/")) entries.put(m.group(5), new String[] {m.group(1), m.group(2), m.group(3)});
    }
    return entries;
  }

  private static String field(Path deb, String name) throws Exception {
    return Cmd.run("dpkg-deb", "--field", deb.toString(), name).ok().out().strip();
  }

  private static Path deb(String arch) {
    try (var files = Files.list(DEB_DIR)) {
      return files.filter(f -> f.getFileName().toString().matches(PKG + "_.*_" + arch + "\\.deb")).findFirst()
          .orElseThrow(() -> new AssertionError("no " + arch + " .deb in " + DEB_DIR + "; run mvn package first"));
    } catch (IOException e) {
      throw new AssertionError("cannot list " + DEB_DIR, e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String grep(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.find() ? m.group(1) : "?";
  }

  private static String tail(Path log) {
    try (InputStream in = Files.newInputStream(log)) {
      String s = new String(in.readAllBytes(), UTF_8);
      return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
