package io.edgeladder.controller.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.controller.cli.ControllerCli;
import io.edgeladder.protocol.dist.KeyFiles;
import io.edgeladder.protocol.dist.Signer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KeysCommandTest {
  @TempDir
  Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = ControllerCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void generate_writesUsablePair_privateOwnerOnly_printsKeyId() throws Exception {
    Path dir = tmp.resolve("keys");
    assertThat(run("keys", "generate", "--out", dir.toString())).isZero();

    Path priv = dir.resolve("controller.key");
    Path pub = dir.resolve("controller.pub");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(priv))).isEqualTo("rw-------");
    String keyId = KeyFiles.keyId(KeyFiles.readPublic(pub));
    assertThat(out.toString()).contains("key id:      " + keyId);
    assertThat(Signer.of(KeyFiles.readPrivate(priv), KeyFiles.readPublic(pub)).keyId()).isEqualTo(keyId);
  }

  @Test
  void generate_existingFiles_refusedExitOne() throws Exception {
    assertThat(run("keys", "generate", "--out", tmp.toString(), "--name", "c")).isZero();
    byte[] before = Files.readAllBytes(tmp.resolve("c.key"));
    assertThat(run("keys", "generate", "--out", tmp.toString(), "--name", "c")).isEqualTo(1);
    assertThat(err.toString()).contains("c.key").contains("not overwriting");
    assertThat(Files.readAllBytes(tmp.resolve("c.key"))).isEqualTo(before);
  }
}
