package io.edgeladder.protocol.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {
  static final Path TLS = Path.of("src", "test", "resources", "tls");

  @TempDir Path dir;

  @Test
  void certificates_caFile_parsesTheCa() {
    List<X509Certificate> certs = PemFiles.certificates("broker.tls.caFile", TLS.resolve("ca.crt"));
    assertThat(certs).singleElement().satisfies(c ->
        assertThat(c.getSubjectX500Principal().getName()).contains("EdgeLadder fleet CA"));
  }

  @Test
  void certificates_bundle_keepsOrder() throws Exception {
    Path bundle = dir.resolve("bundle.pem");
    Files.writeString(bundle, Files.readString(TLS.resolve("agent-a.crt")) + "\n" + Files.readString(TLS.resolve("ca.crt")));
    List<X509Certificate> certs = PemFiles.certificates("broker.tls.certFile", bundle);
    assertThat(certs).hasSize(2);
    assertThat(certs.get(0).getSubjectX500Principal().getName()).isEqualTo("CN=agent-a");
  }

  @Test
  void certificates_missingFile_namesKeyAndFile() {
    Path missing = dir.resolve("nope.crt");
    assertThatThrownBy(() -> PemFiles.certificates("broker.tls.caFile", missing))
        .isInstanceOf(TlsConfigException.class)
        .hasMessage("broker.tls.caFile: " + missing + ": no such file");
  }

  @Test
  void certificates_keyFileGivenAsCa_saysNoCertificateBlock() {
    assertThatThrownBy(() -> PemFiles.certificates("broker.tls.caFile", TLS.resolve("agent-a.key")))
        .isInstanceOf(TlsConfigException.class)
        .hasMessageContaining("broker.tls.caFile: " + TLS.resolve("agent-a.key"))
        .hasMessageContaining("no '-----BEGIN CERTIFICATE-----' block")
        .hasMessageNotContaining("MIG"); // never the file's contents
  }

  @Test
  void certificates_derFile_saysConvertIt() {
    assertThatThrownBy(() -> PemFiles.certificates("broker.tls.caFile", TLS.resolve("ca.der")))
        .isInstanceOf(TlsConfigException.class)
        .hasMessageContaining("broker.tls.caFile: " + TLS.resolve("ca.der"));
  }

  @Test
  void certificates_corruptBase64Body_namesTheCertificate() throws Exception {
    Path broken = dir.resolve("broken.crt");
    Files.writeString(broken, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    assertThatThrownBy(() -> PemFiles.certificates("broker.tls.caFile", broken))
        .isInstanceOf(TlsConfigException.class)
        .hasMessageContaining("certificate 1 cannot be parsed");
  }

  @Test
  void privateKey_pkcs8Ec_andRsa() {
    assertThat(PemFiles.privateKey("k", TLS.resolve("agent-a.key")).getAlgorithm()).isEqualTo("EC");
    assertThat(PemFiles.privateKey("k", TLS.resolve("rsa.pk8")).getAlgorithm()).isEqualTo("RSA");
  }

  @Test
  void privateKey_pkcs1_namesTheConversionCommand() {
    assertThatThrownBy(() -> PemFiles.privateKey("broker.tls.keyFile", TLS.resolve("rsa-pkcs1.key")))
        .isInstanceOf(TlsConfigException.class)
        .hasMessageContaining("broker.tls.keyFile: " + TLS.resolve("rsa-pkcs1.key"))
        .hasMessageContaining("'RSA PRIVATE KEY' block, not PKCS#8")
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
  }

  @Test
  void privateKey_encrypted_refusedWithAdvice() {
    assertThatThrownBy(() -> PemFiles.privateKey("broker.tls.keyFile", TLS.resolve("encrypted.key")))
        .isInstanceOf(TlsConfigException.class)
        .hasMessageContaining("the key is encrypted");
  }

  @Test
  void privateKey_certificateGiven_saysNoPrivateKeyBlock() {
    assertThatThrownBy(() -> PemFiles.privateKey("broker.tls.keyFile", TLS.resolve("agent-a.crt")))
        .isInstanceOf(TlsConfigException.class)
        .hasMessageContaining("no '-----BEGIN PRIVATE KEY-----' block");
  }

  @Test
  void checkPair_matchingAndForeignKey() {
    X509Certificate cert = PemFiles.certificates("c", TLS.resolve("agent-a.crt")).get(0);
    PrivateKey own = PemFiles.privateKey("k", TLS.resolve("agent-a.key"));
    PemFiles.checkPair("broker.tls.certFile", TLS.resolve("agent-a.crt"), cert, "broker.tls.keyFile",
        TLS.resolve("agent-a.key"), own);
    PrivateKey foreign = PemFiles.privateKey("k", TLS.resolve("rsa.pk8"));
    assertThatThrownBy(() -> PemFiles.checkPair("broker.tls.certFile", TLS.resolve("agent-a.crt"), cert,
        "broker.tls.keyFile", TLS.resolve("rsa.pk8"), foreign))
        .isInstanceOf(TlsConfigException.class)
        .hasMessageContaining("broker.tls.keyFile: " + TLS.resolve("rsa.pk8") + " is not the private key of"
            + " broker.tls.certFile " + TLS.resolve("agent-a.crt"));
  }
}
