package io.edgeladder.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto running the project's own {@code deploy/mosquitto} files, for the security tests: the
 * certificates come from {@code deploy/mosquitto/gen-certs.sh} (a second, unrelated CA as well, for "wrong
 * CA" and "wrong client certificate" cases), the password file from {@code mosquitto_passwd}, the ACL file
 * is copied as is, and {@code fleet.conf} is templated only where a test must differ from a server: paths
 * under {@code /etc/mosquitto/} and {@code /var/lib/mosquitto/} point into the work folder, the two
 * listeners bind free loopback ports, persistence is off and the log goes to stderr. A template line that
 * is missing from {@code fleet.conf} fails the start, naming it, so the file and the tests cannot drift.
 *
 * <p>The broker certificate names {@code localhost} and {@code 127.0.0.1}. Every client's password is
 * {@link #password(String)}. Not thread-safe: one owner starts and closes it.
 */
public final class DeployedMosquitto implements AutoCloseable {
  /** The controller's username (and certificate CN) in {@code deploy/mosquitto/acl}. */
  public static final String CONTROLLER = "controller";
  private static final String BROKER_NAMES = "localhost,127.0.0.1";
  private static final List<Path> PASSWD_CANDIDATES = List.of(Path.of("/usr/bin/mosquitto_passwd"),
      Path.of("/usr/local/bin/mosquitto_passwd"), Path.of("/opt/homebrew/bin/mosquitto_passwd"));

  private final Path work;
  private final int passwordPort;
  private final int mutualPort;
  private final MosquittoProcess process;

  private DeployedMosquitto(Path work, int passwordPort, int mutualPort, MosquittoProcess process) {
    this.work = work;
    this.passwordPort = passwordPort;
    this.mutualPort = mutualPort;
    this.process = process;
  }

  /** Whether mosquitto, mosquitto_passwd, openssl and bash are installed. */
  public static boolean available() {
    return MosquittoProcess.available() && passwdBinary() != null && onPath("openssl") && onPath("bash");
  }

  /**
   * Generates certificates and passwords for {@code clients} (plus {@value #CONTROLLER}) into {@code work},
   * templates {@code deployDir/fleet.conf} and starts Mosquitto with it.
   *
   * @param deployDir the repository's {@code deploy/mosquitto}
   * @param work an empty folder owned by the caller (e.g. a JUnit {@code @TempDir}); not deleted by close
   * @param clients agent ids (usernames and certificate CNs)
   * @throws IllegalStateException when a tool is missing, a step fails (its output in the message) or
   *     Mosquitto does not start
   */
  public static DeployedMosquitto start(Path deployDir, Path work, List<String> clients) {
    List<String> all = new ArrayList<>();
    all.add(CONTROLLER);
    all.addAll(clients);
    try {
      Files.createDirectories(work.resolve("data"));
      Path genCerts = deployDir.resolve("gen-certs.sh");
      run(work, List.of("bash", genCerts.toString(), work.resolve("certs").toString(), BROKER_NAMES), all);
      run(work, List.of("bash", genCerts.toString(), work.resolve("rogue").toString(), BROKER_NAMES), all);
      writePasswords(work, all);
      Files.copy(deployDir.resolve("acl"), work.resolve("acl"));
      int passwordPort = Ports.pickFree("127.0.0.1");
      int mutualPort = Ports.pickFree("127.0.0.1");
      Path conf = work.resolve("fleet.conf");
      Files.writeString(conf, template(Files.readString(deployDir.resolve("fleet.conf"), StandardCharsets.UTF_8),
          work, passwordPort, mutualPort), StandardCharsets.UTF_8);
      MosquittoProcess process = MosquittoProcess.startWithConfig(conf, List.of(passwordPort, mutualPort));
      return new DeployedMosquitto(work, passwordPort, mutualPort, process);
    } catch (IOException e) {
      throw new UncheckedIOException("deployed mosquitto: cannot prepare " + work, e);
    }
  }

  /** {@code ssl://localhost:port} of the TLS + password listener. */
  public String passwordUrl() {
    return "ssl://localhost:" + passwordPort;
  }

  /** {@code ssl://localhost:port} of the mutual TLS listener (certificate CN = username). */
  public String mutualUrl() {
    return "ssl://localhost:" + mutualPort;
  }

  public int passwordPort() {
    return passwordPort;
  }

  public int mutualPort() {
    return mutualPort;
  }

  /** The CA that signed the broker's and every client's certificate. */
  public Path caFile() {
    return work.resolve("certs/ca.crt");
  }

  public Path certFile(String client) {
    return work.resolve("certs/" + client + ".crt");
  }

  public Path keyFile(String client) {
    return work.resolve("certs/" + client + ".key");
  }

  /** An unrelated CA: trusting it instead of {@link #caFile()} must fail the handshake. */
  public Path rogueCaFile() {
    return work.resolve("rogue/ca.crt");
  }

  /** A certificate with the right CN signed by the rogue CA: the broker must refuse it. */
  public Path rogueCertFile(String client) {
    return work.resolve("rogue/" + client + ".crt");
  }

  public Path rogueKeyFile(String client) {
    return work.resolve("rogue/" + client + ".key");
  }

  /** The password of {@code client} in the broker's password file. */
  public String password(String client) {
    return "pw-" + client + "-0d5e";
  }

  public MosquittoProcess process() {
    return process;
  }

  /** Stops Mosquitto; the work folder stays (its owner deletes it). */
  @Override
  public void close() {
    process.close();
  }

  static String template(String conf, Path work, int passwordPort, int mutualPort) {
    Map<String, String> lines = new LinkedHashMap<>();
    lines.put("listener 8883 0.0.0.0", "listener " + passwordPort + " 127.0.0.1");
    lines.put("listener 8884 0.0.0.0", "listener " + mutualPort + " 127.0.0.1");
    lines.put("persistence true", "persistence false");
    List<String> out = new ArrayList<>();
    for (String line : conf.split("\n", -1)) {
      String replaced = lines.remove(line.strip());
      String l = replaced != null ? replaced : line;
      out.add(l.replace("/etc/mosquitto/", work + "/").replace("/var/lib/mosquitto/", work.resolve("data") + "/"));
    }
    if (!lines.isEmpty()) {
      throw new IllegalStateException("deploy/mosquitto/fleet.conf no longer has the line(s) " + lines.keySet()
          + " the tests template; update DeployedMosquitto with it");
    }
    out.add("log_dest stderr");
    out.add("log_type all");
    if ("root".equals(System.getProperty("user.name"))) {
      out.add("user root"); // else mosquitto drops to 'mosquitto', who cannot read the 0600 keys
    }
    return String.join("\n", out) + "\n";
  }

  private static void writePasswords(Path work, List<String> clients) {
    Path passwd = work.resolve("passwd");
    Path binary = Objects.requireNonNull(passwdBinary(), "mosquitto_passwd not found");
    for (int i = 0; i < clients.size(); i++) {
      String c = clients.get(i);
      List<String> cmd = new ArrayList<>(List.of(binary.toString()));
      if (i == 0) cmd.add("-c");
      cmd.addAll(List.of("-b", passwd.toString(), c, "pw-" + c + "-0d5e"));
      run(work, cmd, List.of());
    }
  }

  private static void run(Path dir, List<String> command, List<String> extraArgs) {
    List<String> cmd = new ArrayList<>(command);
    cmd.addAll(extraArgs);
    ProcessBuilder builder = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    try {
      Process p = builder.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("deployed mosquitto: " + cmd.get(0) + " did not finish in 60 s");
      }
      if (p.exitValue() != 0) {
        String tool = command.get(0).equals("bash") ? command.get(1) : command.get(0); // no passwords
        throw new IllegalStateException("deployed mosquitto: " + tool + " exited with "
            + p.exitValue() + ": " + output.strip());
      }
    } catch (IOException e) {
      throw new IllegalStateException("deployed mosquitto: cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("deployed mosquitto: interrupted", e);
    }
  }

  private static Path passwdBinary() {
    for (Path p : PASSWD_CANDIDATES) {
      if (Files.isExecutable(p)) return p;
    }
    return null;
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) return false;
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) return true;
    }
    return false;
  }
}
