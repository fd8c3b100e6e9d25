package io.edgeladder.deploy.deb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A throwaway root for real dpkg: {@code dpkg --root=DIR --force-script-chrootless} unpacks into DIR and runs the
 * maintainer scripts on this host with {@code DPKG_ROOT=DIR} (the root holds no shell to chroot into). The
 * database starts with the host's own status stanzas of the packages the .deb depends on (the agent runs on
 * the host's JRE), and {@code etc/} holds root-only passwd, group, shadow and gshadow files for useradd --prefix.
 */
final class DpkgRoot {
  private final Path dir;

  private DpkgRoot(Path dir) {
    this.dir = dir;
  }

  /** An empty root in {@code dir} whose database records the host's installed {@code packages}. */
  static DpkgRoot create(Path dir, List<String> packages) throws IOException, InterruptedException {
    if (!Cmd.run("id", "-u").ok().out().strip().equals("0")) {
      throw new AssertionError("dpkg into a throwaway root needs root: postinst chowns /var/lib/edgeladder to the "
          + "system user it creates");
    }
    Path db = Files.createDirectories(dir.resolve("var/lib/dpkg"));
    Files.createDirectories(db.resolve("info"));
    Files.createDirectories(db.resolve("updates"));
    Files.writeString(db.resolve("available"), "");
    StringBuilder status = new StringBuilder();
    for (String p : packages) {
      status.append(Cmd.run("dpkg-query", "--status", p).ok().out().strip()).append("\n\n");
    }
    Files.writeString(db.resolve("status"), status.toString());
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    Files.writeString(etc.resolve("group"), "root:x:0:\n");
    Files.writeString(etc.resolve("shadow"), "root:*:20000:0:99999:7:::\n");
    Files.writeString(etc.resolve("gshadow"), "root:*::\n");
    return new DpkgRoot(dir);
  }

  Path dir() {
    return dir;
  }

  /** {@code path} (absolute, as on a gateway) inside this root. */
  Path path(String path) {
    return dir.resolve(path.substring(1));
  }

  String read(String path) throws IOException {
    return Files.readString(path(path), StandardCharsets.UTF_8);
  }

  /** {@code dpkg --install} with {@code options} (e.g. --force-confold); fails on a non-zero exit. */
  Cmd.Result install(Path deb, String... options) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(options));
    args.add("--install");
    args.add(deb.toString());
    return dpkg(args).ok();
  }

  Cmd.Result remove(String pkg) throws IOException, InterruptedException {
    return dpkg(List.of("--remove", pkg)).ok();
  }

  Cmd.Result purge(String pkg) throws IOException, InterruptedException {
    return dpkg(List.of("--purge", pkg)).ok();
  }

  /** {@code dpkg-query --show} field of {@code pkg}, or null when dpkg knows nothing of it. */
  String query(String pkg, String field) throws IOException, InterruptedException {
    Cmd.Result r = Cmd.run("dpkg-query", "--root=" + dir, "--showformat=${" + field + "}", "--show", pkg);
    return r.exit() == 0 ? r.out() : null;
  }

  /** The root's passwd line of {@code user}, or null. */
  String passwd(String user) throws IOException {
    return read("/etc/passwd").lines().filter(l -> l.startsWith(user + ":")).findFirst().orElse(null);
  }

  private Cmd.Result dpkg(List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("dpkg", "--root=" + dir, "--force-script-chrootless"));
    cmd.addAll(args);
    return Cmd.run(cmd, Map.of(), null);
  }
}
