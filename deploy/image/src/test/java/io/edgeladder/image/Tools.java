package io.edgeladder.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Host tools for the image tests: tar, and a container's entrypoint run in a chroot of its unpacked rootfs. */
final class Tools {
  private Tools() {
  }

  record Result(int exit, String output) {
  }

  static String run(List<String> command) throws IOException, InterruptedException {
    Result r = await(new ProcessBuilder(command).redirectErrorStream(true).start(), 120);
    if (r.exit() != 0) {
      throw new IOException(String.join(" ", command) + " exited with " + r.exit() + ": " + r.output());
    }
    return r.output();
  }

  /**
   * Starts {@code command} as uid:gid {@code user} chrooted into {@code root}, with only {@code env} set, and
   * the host's /proc, /dev and /sys bound in a private mount namespace (gone when the process ends). The network is
   * the host's. Output goes to {@code log}.
   */
  static Process chroot(Path root, String user, List<String> command, Map<String, String> env, Path log)
      throws IOException {
    Files.createDirectories(root.resolve("proc"));
    Files.createDirectories(root.resolve("dev"));
    Files.createDirectories(root.resolve("sys"));
    String mount = host("mount");
    // the rootfs bound onto itself: "/" is a mount point inside, as in a container (Files.getFileStore needs one)
    String script = "r=$0 u=$1; shift; " + mount + " --bind \"$r\" \"$r\""
        + " && " + mount + " --bind /proc \"$r/proc\" && " + mount + " --bind /dev \"$r/dev\""
        + " && " + mount + " --bind /sys \"$r/sys\" && exec " + host("chroot") + " --userspec=\"$u\" \"$r\" \"$@\"";
    List<String> argv = new ArrayList<>(List.of(host("unshare"), "--mount", "--propagation", "private", host("sh"),
        "-c", script, root.toString(), user));
    argv.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    return pb.start();
  }

  /** The host's {@code name} (the chrooted process gets the image's PATH, so host tools are named in full). */
  static String host(String name) {
    for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
      if (Files.isExecutable(Path.of(dir, name))) {
        return dir + "/" + name;
      }
    }
    throw new IllegalStateException(name + " is not installed in /usr/sbin, /usr/bin, /sbin or /bin");
  }

  static Result await(Process p, long seconds) throws IOException, InterruptedException {
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("still running after " + seconds + " s: " + p.info().commandLine().orElse("?"));
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
