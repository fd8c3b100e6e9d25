package io.edgeladder.protocol.net;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM files with the JDK alone: X.509 certificates and unencrypted PKCS#8 private keys (RSA, EC,
 * Ed25519). Every failure is a {@link TlsConfigException} naming the configuration key and the file; no
 * message ever contains the file's contents. Stateless.
 */
public final class PemFiles {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519");

  private PemFiles() {}

  /**
   * Every {@code CERTIFICATE} block of {@code file}, in order (a leaf followed by its chain, or a CA bundle).
   *
   * @param key the configuration key for messages, e.g. {@code broker.tls.caFile}
   * @throws TlsConfigException when the file is unreadable, holds no certificate or a broken one
   */
  public static List<X509Certificate> certificates(String key, Path file) {
    List<byte[]> blocks = blocks(key, file, "CERTIFICATE");
    if (blocks.isEmpty()) {
      throw new TlsConfigException(where(key, file) + "no '-----BEGIN CERTIFICATE-----' block (expected PEM"
          + " X.509 certificates)");
    }
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (byte[] der : blocks) {
        out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
      }
    } catch (CertificateException e) {
      throw new TlsConfigException(where(key, file) + "certificate " + (out.size() + 1) + " cannot be parsed: "
          + e.getMessage(), e);
    }
    return out;
  }

  /**
   * The single PKCS#8 private key of {@code file}.
   *
   * @throws TlsConfigException when unreadable, not PKCS#8 (a PKCS#1 {@code RSA PRIVATE KEY} or SEC1
   *     {@code EC PRIVATE KEY} block is named with the openssl command that converts it), encrypted, or of an
   *     algorithm other than RSA, EC and Ed25519
   */
  public static PrivateKey privateKey(String key, Path file) {
    String text = read(key, file);
    Matcher m = BLOCK.matcher(text);
    byte[] der = null;
    while (m.find()) {
      String type = m.group(1);
      switch (type) {
        case "PRIVATE KEY" -> der = decode(key, file, m.group(2));
        case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new TlsConfigException(where(key, file) + "holds a '"
            + type + "' block, not PKCS#8; convert it: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out "
            + file + ".pk8");
        case "ENCRYPTED PRIVATE KEY" -> throw new TlsConfigException(where(key, file) + "the key is encrypted;"
            + " store it unencrypted with file mode 0600: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out "
            + file + ".pk8");
        default -> { /* certificates beside the key are fine */ }
      }
      if (der != null) break;
    }
    if (der == null) {
      throw new TlsConfigException(where(key, file) + "no '-----BEGIN PRIVATE KEY-----' block (expected a"
          + " PKCS#8 PEM private key)");
    }
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new TlsConfigException(where(key, file) + "the PKCS#8 key is not an RSA, EC or Ed25519 key");
  }

  /**
   * Checks that {@code privateKey} is the key of {@code certificate} by signing and verifying a challenge.
   *
   * @throws TlsConfigException naming both keys when it is not
   */
  public static void checkPair(String certKey, Path certFile, X509Certificate certificate, String keyKey,
      Path keyFile, PrivateKey privateKey) {
    PublicKey publicKey = certificate.getPublicKey();
    String algorithm = switch (privateKey.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> privateKey.getAlgorithm(); // Ed25519
    };
    boolean matches;
    try {
      byte[] challenge = "edgeladder-tls-key-check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      matches = verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      matches = false;
    }
    if (!matches) {
      throw new TlsConfigException(keyKey + ": " + keyFile + " is not the private key of " + certKey + " "
          + certFile + " (" + privateKey.getAlgorithm() + " key, certificate for "
          + certificate.getSubjectX500Principal().getName() + ")");
    }
  }

  private static List<byte[]> blocks(String key, Path file, String type) {
    String text = read(key, file);
    List<byte[]> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(type)) out.add(decode(key, file, m.group(2)));
    }
    return out;
  }

  private static String read(String key, Path file) {
    if (file == null) throw new TlsConfigException(key + ": no file given");
    if (!Files.isRegularFile(file)) throw new TlsConfigException(where(key, file) + "no such file");
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (CharacterCodingException e) {
      throw new TlsConfigException(where(key, file) + "is not a PEM text file (binary DER? convert it: openssl"
          + " x509 -inform der -in " + file + " -out " + file + ".pem)", e);
    } catch (IOException e) {
      throw new TlsConfigException(where(key, file) + "cannot be read: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    }
  }

  private static byte[] decode(String key, Path file, String base64) {
    try {
      return Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new TlsConfigException(where(key, file) + "a PEM block is not valid base64");
    }
  }

  private static String where(String key, Path file) {
    return key + ": " + file + ": ";
  }
}
