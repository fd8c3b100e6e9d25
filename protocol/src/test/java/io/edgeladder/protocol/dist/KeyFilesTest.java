package io.edgeladder.protocol.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
  @TempDir Path dir;

  @Test
  void write_readBack_sameKeysThatSignAndVerify() throws Exception {
    KeyPair pair = KeyFiles.generate();
    Path priv = dir.resolve("controller.key");
    Path pub = dir.resolve("controller.pub");

    KeyFiles.write(pair, priv, pub);
    Signer signer = Signer.of(KeyFiles.readPrivate(priv), KeyFiles.readPublic(pub));
    SignedRelease signed = signer.sign(new byte[] {'{', '}'});

    assertThat(KeyFiles.readPublic(pub)).isEqualTo(pair.getPublic());
    assertThat(KeyFiles.readPrivate(priv).getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    assertThat(Files.readString(pub)).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
    assertThat(Files.readString(priv)).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThatThrownBy(() -> Verifier.of(KeyFiles.readPublic(pub)).verify(signed))
        .hasMessageContaining("malformed_release"); // the signature verified; "{}" is just not a release
  }

  @Test
  void write_privateKey_ownerReadWriteOnly() throws IOException {
    Path priv = dir.resolve("k.key");
    KeyFiles.write(KeyFiles.generate(), priv, dir.resolve("k.pub"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(priv))).isEqualTo("rw-------");
  }

  @Test
  void write_existingFile_refusesToOverwrite() throws IOException {
    Path pub = Files.writeString(dir.resolve("k.pub"), "keep me");
    assertThatThrownBy(() -> KeyFiles.write(KeyFiles.generate(), dir.resolve("k.key"), pub))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(pub)).isEqualTo("keep me");
    assertThat(dir.resolve("k.key")).doesNotExist();
  }

  @Test
  void keyId_first16HexOfSha256OfDer() throws Exception {
    KeyPair pair = KeyFiles.generate();
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded());
    assertThat(KeyFiles.keyId(pair.getPublic())).isEqualTo(HexFormat.of().formatHex(digest).substring(0, 16));
  }

  @Test
  void publicPem_parse_roundTrips() throws IOException {
    KeyPair pair = KeyFiles.generate();
    assertThat(KeyFiles.parsePublicPem("# trusted\n" + KeyFiles.publicPem(pair.getPublic()), "config"))
        .isEqualTo(pair.getPublic());
  }

  @Test
  void read_wrongOrBrokenPem_namesFileAndProblem() throws IOException {
    Path pub = dir.resolve("k.pub");
    Path priv = dir.resolve("k.key");
    KeyFiles.write(KeyFiles.generate(), priv, pub);
    Path garbage = Files.writeString(dir.resolve("g.pub"),
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");

    assertThatThrownBy(() -> KeyFiles.readPrivate(pub)).isInstanceOf(IOException.class)
        .hasMessage(pub + ": no -----BEGIN PRIVATE KEY----- ... -----END PRIVATE KEY----- block");
    assertThatThrownBy(() -> KeyFiles.readPublic(garbage)).isInstanceOf(IOException.class)
        .hasMessageStartingWith(garbage + ": not an Ed25519 public key");
    Path rsa = Files.writeString(dir.resolve("bad.pub"), "-----BEGIN PUBLIC KEY-----\n!!\n-----END PUBLIC KEY-----");
    assertThatThrownBy(() -> KeyFiles.readPublic(rsa)).hasMessageStartingWith(rsa + ": bad base64");
  }
}
