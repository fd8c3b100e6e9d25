package io.edgeladder.agent.config;

import static io.edgeladder.agent.config.ConfigFixture.VALID;
import static io.edgeladder.agent.config.ConfigFixture.insertAfter;
import static io.edgeladder.agent.config.ConfigFixture.problems;
import static io.edgeladder.agent.config.ConfigFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code broker.passwordFile} and {@code broker.tls}: read at load, bad files named with their key. */
class BrokerSecurityConfigTest {
  static final Path TLS = Path.of("..", "protocol", "src", "test", "resources", "tls").toAbsolutePath().normalize();

  @TempDir Path dir;

  @BeforeEach
  void card() {
    ConfigFixture.writeCard(dir);
  }

  private static String tls(String url, String lines) {
    return insertAfter(with(VALID, "url", url), "  resultQos:", lines);
  }

  @Test
  void parse_mutualTls_relativePathsResolveAgainstTheFile() throws Exception {
    Files.copy(TLS.resolve("ca.crt"), dir.resolve("ca.crt"));
    String yaml = tls("mqtts://fleet.example:8884", "  tls:\n    caFile: ca.crt\n    certFile: " + TLS.resolve("agent-a.crt")
        + "\n    keyFile: " + TLS.resolve("agent-a.key"));
    AgentConfig c = ConfigLoader.parse(yaml, dir, Map.of());
    assertThat(c.broker().tls().caFile()).isEqualTo(dir.resolve("ca.crt"));
    assertThat(c.broker().tls().mutual()).isTrue();
    assertThat(c.broker().tls().verifyHostname()).isTrue();
  }

  @Test
  void parse_tlsFromEnvironment_verifyHostnameOff() throws Exception {
    String yaml = with(VALID, "url", "ssl://fleet.example:8883");
    AgentConfig c = ConfigLoader.parse(yaml, dir, Map.of("EDGELADDER_BROKER_TLS_CA_FILE", TLS.resolve("ca.crt").toString(),
        "EDGELADDER_BROKER_TLS_VERIFY_HOSTNAME", "false"));
    assertThat(c.broker().tls().caFile()).isEqualTo(TLS.resolve("ca.crt"));
    assertThat(c.broker().tls().verifyHostname()).isFalse();
  }

  @Test
  void parse_badTlsFiles_eachNamedWithKeyAndPath() {
    String yaml = tls("ssl://fleet.example:8883", "  tls:\n    caFile: " + TLS.resolve("agent-a.key")
        + "\n    certFile: " + TLS.resolve("agent-a.crt") + "\n    keyFile: " + TLS.resolve("rsa.pk8"));
    List<String> problems = problems(yaml, dir);
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).startsWith("broker.tls.caFile: " + TLS.resolve("agent-a.key"))
        .contains("no '-----BEGIN CERTIFICATE-----' block");
    assertThat(problems.get(1)).startsWith("broker.tls.keyFile: " + TLS.resolve("rsa.pk8") + " is not the private key");
  }

  @Test
  void parse_foreignKey_saysItIsNotTheCertificatesKey() {
    String yaml = tls("ssl://fleet.example:8883", "  tls:\n    caFile: " + TLS.resolve("ca.crt")
        + "\n    certFile: " + TLS.resolve("agent-a.crt") + "\n    keyFile: " + TLS.resolve("rsa.pk8"));
    assertThat(problems(yaml, dir)).singleElement().asString()
        .contains("broker.tls.keyFile: " + TLS.resolve("rsa.pk8") + " is not the private key of broker.tls.certFile");
  }

  @Test
  void parse_tlsWithPlainUrl_certWithoutKey_reportedTogether() {
    String yaml = tls("tcp://fleet.example:1883", "  tls:\n    caFile: " + TLS.resolve("ca.crt")
        + "\n    certFile: " + TLS.resolve("agent-a.crt"));
    assertThat(problems(yaml, dir)).contains(
        "broker.tls needs an ssl:// or mqtts:// broker.url but it was 'tcp://fleet.example:1883'",
        "broker.tls.certFile needs broker.tls.keyFile too (mutual TLS takes a certificate and its key)");
  }

  @Test
  void parse_unknownTlsKey_suggestsTheRightOne() {
    String yaml = tls("ssl://fleet.example:8883", "  tls:\n    caFlie: x");
    assertThat(problems(yaml, dir)).anySatisfy(p -> assertThat(p).contains("unknown key 'caFlie' in broker.tls")
        .contains("caFile"));
  }

  @Test
  void parse_passwordFile_firstLineIsThePassword() throws Exception {
    Files.writeString(dir.resolve("secret"), "s3cr3t-pw\n# comment\n");
    String yaml = insertAfter(VALID, "  url:", "  username: gw-07\n  passwordFile: secret");
    AgentConfig c = ConfigLoader.parse(yaml, dir, Map.of());
    assertThat(c.broker().password()).isEqualTo("s3cr3t-pw");
    assertThat(c.broker().toString()).doesNotContain("s3cr3t-pw");
  }

  @Test
  void parse_passwordFileProblems_neverPrintTheSecret() throws Exception {
    Files.writeString(dir.resolve("empty"), "\n");
    assertThat(problems(insertAfter(VALID, "  url:", "  username: u\n  passwordFile: missing"), dir))
        .singleElement().asString().startsWith("broker.passwordFile " + dir.resolve("missing") + " cannot be read");
    assertThat(problems(insertAfter(VALID, "  url:", "  username: u\n  passwordFile: empty"), dir))
        .singleElement().asString().contains("is empty");
    Files.writeString(dir.resolve("secret"), "s3cr3t-pw\n");
    List<String> both = problems(insertAfter(VALID, "  url:", "  username: u\n  password: s3cr3t-pw\n  passwordFile: secret"),
        dir);
    assertThat(both).singleElement().asString().contains("are both set").doesNotContain("s3cr3t-pw");
  }
}
