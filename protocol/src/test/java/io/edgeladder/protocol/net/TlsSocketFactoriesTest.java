package io.edgeladder.protocol.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.nio.file.Path;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

class TlsSocketFactoriesTest {
  static final Path TLS = PemFilesTest.TLS;

  @Test
  void create_caOnly_socketsAreTlsWithNoDelayAndModernProtocols() throws Exception {
    SSLSocketFactory factory = TlsSocketFactories.create(TlsSettings.of(TLS.resolve("ca.crt")), "broker.tls");
    try (Socket socket = factory.createSocket()) {
      assertThat(socket).isInstanceOf(SSLSocket.class);
      assertThat(socket.getTcpNoDelay()).isTrue();
      assertThat(((SSLSocket) socket).getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
    }
  }

  @Test
  void create_mutual_withMatchingPair() {
    TlsSettings mutual = TlsSettings.of(TLS.resolve("ca.crt"))
        .withClientCertificate(TLS.resolve("agent-a.crt"), TLS.resolve("agent-a.key"));
    assertThat(TlsSocketFactories.problems(mutual, "broker.tls")).isEmpty();
  }

  @Test
  void create_jdkTrust_whenNoCaFile() {
    assertThat(TlsSocketFactories.problems(new TlsSettings(null, null, null, true), "broker.tls")).isEmpty();
  }

  @Test
  void problems_foreignKey_namesBothKeys() {
    TlsSettings wrong = TlsSettings.of(TLS.resolve("ca.crt"))
        .withClientCertificate(TLS.resolve("agent-a.crt"), TLS.resolve("rsa.pk8"));
    assertThat(TlsSocketFactories.problems(wrong, "broker.tls")).singleElement().asString()
        .contains("broker.tls.keyFile").contains("broker.tls.certFile");
  }

  @Test
  void problems_missingCa_namesKeyAndFile() {
    assertThat(TlsSocketFactories.problems(TlsSettings.of(Path.of("/nonexistent/ca.crt")), "broker.tls"))
        .containsExactly("broker.tls.caFile: /nonexistent/ca.crt: no such file");
  }

  @Test
  void settings_certWithoutKey_refused() {
    assertThatThrownBy(() -> new TlsSettings(null, TLS.resolve("agent-a.crt"), null, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be set together");
  }

  @Test
  void brokerUrls_schemes() {
    assertThat(BrokerUrls.supported("mqtts://h:8883")).isTrue();
    assertThat(BrokerUrls.supported("http://h:80")).isFalse();
    assertThat(BrokerUrls.supported(null)).isFalse();
    assertThat(BrokerUrls.isTls("SSL://h:8883")).isTrue();
    assertThat(BrokerUrls.isTls("tcp://h:1883")).isFalse();
    assertThat(BrokerUrls.forPaho("mqtts://h:8883")).isEqualTo("ssl://h:8883");
    assertThat(BrokerUrls.forPaho("mqtt://h:1883")).isEqualTo("tcp://h:1883");
    assertThat(BrokerUrls.forPaho("ssl://h:8883")).isEqualTo("ssl://h:8883");
  }
}
