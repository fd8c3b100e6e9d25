package io.edgeladder.controller.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.controller.api.ApiTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code broker.passwordFile}, {@code broker.tls.*} and the REST API's token keys of controller.yaml. */
class SecurityConfigTest {
  static final Path TLS = Path.of("..", "protocol", "src", "test", "resources", "tls").toAbsolutePath().normalize();
  static final String TOKEN = "t0ken-0123456789abcdef";

  @TempDir
  Path tmp;

  private ControllerConfig parse(String yaml, Map<String, String> env) throws ConfigException {
    return ControllerConfigLoader.parse("dataDir: data\n" + yaml, tmp, env, "test");
  }

  @Test
  void brokerTls_mutual_passwordFile() throws Exception {
    Files.writeString(tmp.resolve("pw"), "s3cret-pw\n");
    ControllerConfig c = parse("broker:\n  url: mqtts://fleet:8884\n  username: controller\n  passwordFile: pw\n"
        + "  tls: {caFile: '" + TLS.resolve("ca.crt") + "', certFile: '" + TLS.resolve("agent-a.crt") + "', keyFile: '"
        + TLS.resolve("agent-a.key") + "'}\n", Map.of());
    assertThat(c.broker().password()).isEqualTo("s3cret-pw");
    assertThat(c.broker().tls().mutual()).isTrue();
    assertThat(c.broker().tls().verifyHostname()).isTrue();
    assertThat(c.broker().toString()).doesNotContain("s3cret-pw").contains("password=***");
  }

  @Test
  void brokerTls_badFiles_andTlsOnPlainUrl_reportedWithKeyAndFile() {
    assertThatThrownBy(() -> parse("broker:\n  url: ssl://fleet:8883\n  tls: {caFile: '" + TLS.resolve("agent-a.key")
        + "'}\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("broker.tls.caFile: " + TLS.resolve("agent-a.key"));
    assertThatThrownBy(() -> parse("broker:\n  url: tcp://fleet:1883\n  tls: {caFile: '" + TLS.resolve("ca.crt")
        + "'}\n", Map.of()))
        .hasMessageContaining("broker.tls needs an ssl:// or mqtts:// broker.url but it was tcp://fleet:1883");
    assertThatThrownBy(() -> parse("broker:\n  url: ssl://fleet:8883\n  tls: {certFile: '" + TLS.resolve("agent-a.crt")
        + "'}\n", Map.of()))
        .hasMessageContaining("broker.tls.certFile needs broker.tls.keyFile too");
  }

  @Test
  void passwordFile_missingOrBoth_neverPrintsTheSecret() {
    assertThatThrownBy(() -> parse("broker:\n  passwordFile: nope\n", Map.of()))
        .hasMessageContaining("broker.passwordFile: " + tmp.resolve("nope") + " cannot be read");
    assertThatThrownBy(() -> parse("broker:\n  password: s3cret-pw\n  passwordFile: nope\n", Map.of()))
        .hasMessageContaining("both set").hasMessageNotContaining("s3cret-pw");
  }

  @Test
  void http_tokenFromEnv_shortTokenRefused() throws Exception {
    ControllerConfig c = parse("", Map.of("EDGELADDER_HTTP_TOKEN", TOKEN));
    assertThat(c.http().token()).isEqualTo(TOKEN);
    assertThat(c.http().tokenFile()).isEqualTo(tmp.resolve("data/api-token"));
    assertThat(c.http().toString()).doesNotContain(TOKEN);
    assertThatThrownBy(() -> parse("", Map.of("EDGELADDER_HTTP_TOKEN", "short")))
        .hasMessageContaining("http.token must have at least 16 characters but has 5")
        .hasMessageNotContaining("short'");
  }

  @Test
  void http_badTokenFile_namedWithLine() throws Exception {
    Files.writeString(tmp.resolve("tokens"), "# rotated 2026-11\n" + TOKEN + "\nweak\n");
    assertThatThrownBy(() -> parse("http: {tokenFile: tokens}\n", Map.of()))
        .hasMessageContaining("http.tokenFile: " + tmp.resolve("tokens") + ": line 3: the token must have at least 16");
    assertThatThrownBy(() -> parse("http: {tokenFile: missing, generateToken: false}\n", Map.of()))
        .hasMessageContaining("http.tokenFile: " + tmp.resolve("missing") + " does not exist and http.generateToken is"
            + " false");
  }

  @Test
  void apiTokens_generatedOnce_thenReadBack_envTokenAddsToTheFile() throws Exception {
    ControllerConfig c = parse("", Map.of());
    ApiTokens first = SecurityConfig.apiTokens(c.http(), LoggerFactory.getLogger(getClass()));
    String generated = ApiTokens.read(c.http().tokenFile()).get(0);
    assertThat(generated).hasSize(43);
    assertThat(first.accepts(generated)).isTrue();
    ControllerConfig again = parse("", Map.of("EDGELADDER_HTTP_TOKEN", TOKEN));
    ApiTokens both = SecurityConfig.apiTokens(again.http(), LoggerFactory.getLogger(getClass()));
    assertThat(both.accepts(generated)).isTrue();
    assertThat(both.accepts(TOKEN)).isTrue();
    assertThat(both.size()).isEqualTo(2);
  }

  @Test
  void apiTokens_noSource_startRefused() {
    assertThatThrownBy(() -> SecurityConfig.apiTokens(new ControllerConfig.Http("127.0.0.1", 0),
        LoggerFactory.getLogger(getClass())))
        .hasMessageContaining("no REST API token");
  }
}
