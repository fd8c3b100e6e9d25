package io.edgeladder.deploy.deb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One built .deb, read through dpkg-deb. */
record DebFile(Path path) {
  static final String PKG = "edgeladder-agent";
  /** A {@code dpkg-deb --contents} line: mode, owner/group, size, date, time, ./path. */
  private static final Pattern CONTENTS = Pattern.compile("(\\S+) (\\S+)/(\\S+)\\s+(\\d+) \\S+ \\S+ \\.(/\\S*)");

  /** The package of {@code arch} in {@code dir}, built by {@code mvn package}. */
  static DebFile find(Path dir, String arch) {
    try (var files = Files.list(dir)) {
      return new DebFile(files.filter(f -> f.getFileName().toString().matches(PKG + "_.*_" + arch + "\\.deb"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + arch + " .deb in " + dir + "; run mvn package first")));
    } catch (IOException e) {
      throw new AssertionError("cannot list " + dir, e);
    }
  }

  String field(String name) throws IOException, InterruptedException {
    return Cmd.run("dpkg-deb", "--field", path.toString(), name).ok().out().strip();
  }

  /** The control-archive member {@code name} (e.g. conffiles). */
  String control(String name) throws IOException, InterruptedException {
    return Cmd.run("dpkg-deb", "--info", path.toString(), name).ok().out();
  }

  /** Every data entry but {@code /}: path to {mode, owner, group}. */
  Map<String, String[]> contents() throws IOException, InterruptedException {
    Map<String, String[]> entries = new TreeMap<>();
    for (String line : Cmd.run("dpkg-deb", "--contents", path.toString()).ok().out().lines().toList()) {
      Matcher m = CONTENTS.matcher(line);
      if (!m.matches()) throw new AssertionError("unexpected dpkg-deb --contents line: " + line);
      if (!m.group(5).equals("/")) entries.put(m.group(5), new String[] {m.group(1), m.group(2), m.group(3)});
    }
    return entries;
  }

  /** The data files unpacked into {@code dir}. */
  Path extract(Path dir) throws IOException, InterruptedException {
    Cmd.run("dpkg-deb", "--extract", path.toString(), dir.toString()).ok();
    return dir;
  }

  /** The control files (maintainer scripts with their modes) unpacked into {@code dir}. */
  Path extractControl(Path dir) throws IOException, InterruptedException {
    Cmd.run("dpkg-deb", "--control", path.toString(), dir.toString()).ok();
    return dir;
  }

  /** This package repacked by dpkg-deb in {@code work} as {@code version}, {@code appended} added to agent.yaml. */
  DebFile repacked(Path work, String version, String appended) throws IOException, InterruptedException {
    Path dir = work.resolve("rebuild-" + version);
    Cmd.run("dpkg-deb", "--raw-extract", path.toString(), dir.toString()).ok();
    Path control = dir.resolve("DEBIAN/control");
    Files.writeString(control, Files.readString(control).replaceFirst("(?m)^Version: .*$", "Version: " + version));
    Files.writeString(dir.resolve("etc/edgeladder/agent.yaml"), appended, StandardOpenOption.APPEND);
    Path out = work.resolve(PKG + "_" + version + "_" + field("Architecture") + ".deb");
    Cmd.run("dpkg-deb", "-Zgzip", "-z1", "--build", dir.toString(), out.toString()).ok();
    return new DebFile(out);
  }

  long size() throws IOException {
    return Files.size(path);
  }
}
