package io.edgeladder.deploy.deb;

import static io.edgeladder.deploy.deb.DebFile.PKG;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.broker.MosquittoProcess;
import io.edgeladder.protocol.InferenceResult;
import io.edgeladder.simulator.ConditionSchedule;
import io.edgeladder.simulator.PayloadFormat;
import io.edgeladder.simulator.SensorSimulator;
import io.edgeladder.simulator.SimulatorConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
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
  private static final Path DEB_DIR = Path.of(System.getProperty("deb.dir", "target"));
  private static final DebFile AMD64 = DebFile.find(DEB_DIR, "amd64");
  private static final DebFile ARM64 = DebFile.find(DEB_DIR, "arm64");
  /** ELF e_machine (bytes 18-19, little-endian) of each package's ONNX Runtime library. */
  private static final Map<DebFile, Integer> ELF_MACHINE = Map.of(AMD64, 0x3E, ARM64, 0xB7);
  /** Installed packages of this host recorded in each throwaway root: the agent runs on the host's JRE. */
  private static final List<String> HOST_DEPENDS = List.of("openjdk-17-jre-headless", "passwd");
  private static final String ORT_JAR = "/usr/share/edgeladder-agent/lib/onnxruntime-1.29.0.jar";
  private static final String CONFIG = "/etc/edgeladder/agent.yaml";
  private static final String MASK = "/etc/systemd/system/edgeladder-agent.service";

  @TempDir Path tmp;

  @Test
  void packages_controlConffilesAndContents_matchTheGatewayLayout() throws Exception {
    for (DebFile deb : List.of(AMD64, ARM64)) {
      String arch = deb == AMD64 ? "amd64" : "arm64";
      assertThat(deb.field("Package")).isEqualTo(PKG);
      assertThat(deb.field("Architecture")).isEqualTo(arch);
      assertThat(deb.field("Depends")).contains("openjdk-17-jre-headless | java17-runtime-headless");
      assertThat(deb.control("conffiles").lines()).containsExactly(CONFIG, "/etc/default/edgeladder-agent");

      Map<String, String[]> entries = deb.contents();
      assertThat(entries).containsKeys("/usr/share/edgeladder-agent/edgeladder-agent.jar", ORT_JAR,
          "/usr/share/edgeladder-agent/models/vibration-cnn/model-card.json",
          "/usr/share/edgeladder-agent/models/vibration-cnn/model.onnx",
          "/usr/lib/edgeladder-agent/onnxruntime/libonnxruntime.so",
          "/usr/lib/edgeladder-agent/onnxruntime/libonnxruntime4j_jni.so",
          CONFIG, "/etc/default/edgeladder-agent", InstalledUnit.PATH);
      entries.forEach((path, e) -> {
        assertThat(e[1] + "/" + e[2]).as("owner of %s", path).isEqualTo("root/root");
        assertThat(e[0]).as("mode of %s", path).isEqualTo(path.endsWith("/") ? "drwxr-xr-x" : "-rw-r--r--");
      });
      assertThat(entries.keySet()).as("state is made by postinst, not shipped").noneMatch(p -> p.startsWith("/var/"));

      Path control = deb.extractControl(tmp.resolve("control-" + arch));
      for (String script : List.of("postinst", "prerm", "postrm")) {
        assertThat(Files.getPosixFilePermissions(control.resolve(script))).as(script)
            .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        Cmd.run("sh", "-n", control.resolve(script).toString()).ok();
      }

      Path x = deb.extract(tmp.resolve("x-" + arch));
      try (ZipFile ort = new ZipFile(x.resolve(ORT_JAR.substring(1)).toFile())) {
        assertThat(ort.stream()).as("natives left in the ORT jar").noneMatch(z -> z.getName().contains("/native/"));
        assertThat(ort.getEntry("ai/onnxruntime/OrtSession.class")).isNotNull();
      }
      byte[] elf = Files.readAllBytes(x.resolve("usr/lib/edgeladder-agent/onnxruntime/libonnxruntime.so"));
      assertThat((elf[18] & 0xFF) | (elf[19] & 0xFF) << 8).as("%s libonnxruntime.so e_machine", arch)
          .isEqualTo(ELF_MACHINE.get(deb));
      System.out.printf("DebPackageIT: %s %d bytes, Installed-Size %s KiB, %d entries%n",
          deb.path().getFileName(), deb.size(), deb.field("Installed-Size"), entries.size());
    }
  }

  @Test
  void unit_systemdAnalyzeVerify_reportsNothing() throws Exception {
    Path unit = AMD64.extract(tmp.resolve("x")).resolve(InstalledUnit.PATH.substring(1));
    // No --root: verify resolves sysinit.target and /usr/bin/java on this host, where the test runs the agent.
    Cmd.Result verify = Cmd.run("systemd-analyze", "verify", unit.toString());
    assertThat(verify.exit()).as(verify.out()).isZero();
    assertThat(verify.out()).as("warnings (unknown keys, bad values)").isEmpty();
  }

  @Test
  void dpkg_installUpgradeRemovePurge_keepsTheUsersConfigUntilPurge() throws Exception {
    DpkgRoot root = DpkgRoot.create(tmp.resolve("root"), HOST_DEPENDS);
    long t0 = System.nanoTime();
    root.install(AMD64.path());
    long installMs = (System.nanoTime() - t0) / 1_000_000;

    assertThat(root.query(PKG, "db:Status-Abbrev")).startsWith("ii");
    String user = root.passwd("edgeladder");
    assertThat(user).as("system user in the root's passwd").isNotNull()
        .endsWith(":/var/lib/edgeladder:/usr/sbin/nologin");
    int uid = Integer.parseInt(user.split(":")[2]);
    assertThat(uid).as("system uid").isLessThan(1000);
    assertThat(Files.readString(Path.of("/etc/passwd"))).as("host passwd untouched").doesNotContain("\nedgeladder:");
    Path state = root.path("/var/lib/edgeladder");
    assertThat(Files.getAttribute(state, "unix:uid")).isEqualTo(uid);
    assertThat(Files.getAttribute(state, "unix:mode")).isEqualTo(040750);
    Path wants = root.path("/etc/systemd/system/multi-user.target.wants/edgeladder-agent.service");
    assertThat(Files.isSymbolicLink(wants)).as("enabled by deb-systemd-helper in the root").isTrue();

    String edited = root.read(CONFIG).replace("id: gw-01", "id: gw-42");
    Files.writeString(root.path(CONFIG), edited);
    Files.writeString(Files.createDirectories(state.resolve("profiles")).resolve("p.profile.json"), "{}");

    DebFile next = AMD64.repacked(tmp, "0.1.1", "\n# 0.1.1: a new comment, so that dpkg sees a changed conffile\n");
    root.install(next.path(), "--force-confold");
    assertThat(root.query(PKG, "Version")).isEqualTo("0.1.1");
    assertThat(root.read(CONFIG)).isEqualTo(edited);
    assertThat(root.read(CONFIG + ".dpkg-dist")).contains("# 0.1.1");
    assertThat(root.passwd("edgeladder")).isEqualTo(user);
    assertThat(state.resolve("profiles/p.profile.json")).exists();

    root.remove(PKG);
    assertThat(root.query(PKG, "db:Status-Abbrev")).startsWith("rc");
    assertThat(root.path("/usr/share/edgeladder-agent")).doesNotExist();
    assertThat(root.path(InstalledUnit.PATH)).doesNotExist();
    assertThat(Files.readSymbolicLink(root.path(MASK))).as("masked while removed").isEqualTo(Path.of("/dev/null"));
    assertThat(root.read(CONFIG)).isEqualTo(edited);
    assertThat(state.resolve("profiles/p.profile.json")).as("state kept until purge").exists();

    root.purge(PKG);
    assertThat(root.query(PKG, "db:Status-Abbrev")).isNull();
    assertThat(root.path(CONFIG)).doesNotExist();
    assertThat(root.path("/etc/default/edgeladder-agent")).doesNotExist();
    assertThat(state).doesNotExist();
    assertThat(wants).doesNotExist();
    assertThat(root.path(MASK)).as("postrm's mask undone").doesNotExist();
    System.out.printf("DebPackageIT: dpkg --install into an empty root took %d ms%n", installMs);
  }

  @Test
  void installedUnit_againstABroker_startsReadyAndPublishesInferenceResults() throws Exception {
    DpkgRoot root = DpkgRoot.create(tmp.resolve("root"), HOST_DEPENDS);
    root.install(AMD64.path());
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

      int exit;
      try (AgentRun agent = AgentRun.start(unit.command("ExecStart"), env, workDir, tmp.resolve("agent.log"));
          ResultCollector results = ResultCollector.subscribe(broker.url(), "gw-01")) {
        agent.awaitReady(httpPort, Duration.ofSeconds(120));
        long readyMs = (System.nanoTime() - t0) / 1_000_000;
        try (SensorSimulator sim = SensorSimulator.start(SimulatorConfig.builder().brokerUri(broker.url())
            .clientId("deb-it-sim").machines(List.of("pump-1")).format(PayloadFormat.RAW)
            .schedule(ConditionSchedule.cycle(Duration.ofSeconds(1))).seed(7).qos(1).rateMultiplier(1.0)
            .duration(Duration.ofSeconds(2)).build())) {
          assertThat(sim.awaitDone(Duration.ofSeconds(60))).as("simulator finished").isTrue();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (results.payloads().isEmpty() && System.nanoTime() < deadline && agent.alive()) {
          TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(results.payloads()).as("results on inference/gw-01/+; agent log:\n%s", agent.tail()).isNotEmpty();
        InferenceResult first = InferenceResult.parse(results.payloads().get(0));
        assertThat(first.agent()).isEqualTo("gw-01");
        assertThat(first.pipeline()).isEqualTo("pump-1");
        assertThat(first.top()).isNotBlank();
        String status = Files.readString(Path.of("/proc", Long.toString(agent.pid()), "status"));
        exit = agent.stop();
        System.out.printf("DebPackageIT: ExecStartPre %d ms, /ready after %d ms, %d results, RSS %s, %s threads, "
            + "exit %d on SIGTERM%n", checkMs, readyMs, results.payloads().size(),
            grep(status, "VmRSS:\\s+(\\d+ kB)"), grep(status, "Threads:\\s+(\\d+)"), exit);
      }
      List<String> clean = List.of(("0 " + unit.one("SuccessExitStatus")).split("\\s+"));
      assertThat(clean).as("exit on SIGTERM counts as a clean stop").contains(Integer.toString(exit));
    }
  }

  @Test
  void installedUnit_brokenConfig_execStartPreAndExecStartExit2NamingTheKeys() throws Exception {
    DpkgRoot root = DpkgRoot.create(tmp.resolve("root"), HOST_DEPENDS);
    root.install(AMD64.path());
    InstalledUnit unit = InstalledUnit.read(root);
    rewriteConfigIntoRoot(root, unit);
    Path config = root.path(CONFIG);
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
    // exit 2 is final whichever command returns it: RestartPreventExitStatus= ignores ExecStartPre (systemd
    // issue 11868), so the unit restarts on signals and listed exit codes only
    assertThat(unit.one("Restart")).isEqualTo("on-abnormal");
    assertThat(unit.one("RestartForceExitStatus").split("\\s+")).doesNotContain("2");
    assertThat(unit.one("RestartPreventExitStatus").split("\\s+")).contains("2");
  }

  /** The installed config with the package's paths moved into the root (the agent runs on this host). */
  private static void rewriteConfigIntoRoot(DpkgRoot root, InstalledUnit unit) throws IOException {
    Path config = root.path(CONFIG);
    Files.writeString(config, unit.inRoot(Files.readString(config)));
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
}
