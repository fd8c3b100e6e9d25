package io.edgeladder.protocol.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys from the JDK and their PEM files: the public key as X.509 SubjectPublicKeyInfo
 * ({@code -----BEGIN PUBLIC KEY-----}), the private key as PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}) in a
 * file created with mode 0600 where the file system has POSIX permissions. Stateless and thread-safe.
 */
public final class KeyFiles {
  private static final String PUBLIC = "PUBLIC KEY";
  private static final String PRIVATE = "PRIVATE KEY";

  private KeyFiles() {}

  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(Signer.ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no " + Signer.ALGORITHM, e);
    }
  }

  /** First 16 hex digits of sha256(public key DER): names the key in manifests and births. */
  public static String keyId(PublicKey key) {
    return Sha256.hex(key.getEncoded()).substring(0, 16);
  }

  /**
   * Writes both files; neither may exist (keys are never overwritten).
   *
   * @throws FileAlreadyExistsException naming the file that exists
   */
  public static void write(KeyPair pair, Path privateFile, Path publicFile) throws IOException {
    for (Path p : new Path[] {privateFile, publicFile}) {
      if (Files.exists(p)) throw new FileAlreadyExistsException(p.toString(), null, "key file exists; not overwriting");
    }
    Files.createFile(privateFile, ownerOnly(privateFile));
    Files.writeString(privateFile, pem(PRIVATE, pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII,
        StandardOpenOption.TRUNCATE_EXISTING);
    Files.writeString(publicFile, publicPem(pair.getPublic()), StandardCharsets.US_ASCII,
        StandardOpenOption.CREATE_NEW);
  }

  public static String publicPem(PublicKey key) {
    return pem(PUBLIC, key.getEncoded());
  }

  /** @throws IOException naming the file and what is wrong with it */
  public static PublicKey readPublic(Path file) throws IOException {
    return parsePublicPem(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
  }

  /** @throws IOException naming the file and what is wrong with it */
  public static PrivateKey readPrivate(Path file) throws IOException {
    byte[] der = der(Files.readString(file, StandardCharsets.US_ASCII), PRIVATE, file.toString());
    try {
      return KeyFactory.getInstance(Signer.ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + ": not an " + Signer.ALGORITHM + " PKCS#8 private key: " + e.getMessage(), e);
    }
  }

  /**
   * Parses a PEM public key, e.g. one inlined in an agent's config.
   *
   * @param source where it came from, for the error message
   * @throws IOException when it is not an Ed25519 SubjectPublicKeyInfo PEM
   */
  public static PublicKey parsePublicPem(String pem, String source) throws IOException {
    byte[] der = der(pem, PUBLIC, source);
    try {
      return KeyFactory.getInstance(Signer.ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IOException(source + ": not an " + Signer.ALGORITHM + " public key: " + e.getMessage(), e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static byte[] der(String pem, String type, String source) throws IOException {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) throw new IOException(source + ": no " + begin + " ... " + end + " block");
    try {
      return Base64.getDecoder().decode(pem.substring(from + begin.length(), to).replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ": bad base64 in the " + type + " block: " + e.getMessage(), e);
    }
  }

  /**
   * Mode 0600 where the file system has POSIX permissions. Asked of the file system, not of the file's store:
   * {@code Files.getFileStore} looks the folder up in /proc/mounts and fails ("Mount point not found", naming no
   * path) in a chroot whose root is not a mount point.
   */
  private static FileAttribute<?>[] ownerOnly(Path file) {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) return new FileAttribute<?>[0];
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
  }
}
