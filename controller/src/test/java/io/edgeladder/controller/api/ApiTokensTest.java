package io.edgeladder.controller.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokensTest {
  static final String A = "token-a-0123456789";
  static final String B = "token-b-0123456789";

  @TempDir
  Path dir;

  @Test
  void accepts_onlyListedTokens_anyOfSeveral() {
    ApiTokens tokens = ApiTokens.of(List.of(A, B));
    assertThat(tokens.accepts(A)).isTrue();
    assertThat(tokens.accepts(B)).isTrue();
    assertThat(tokens.accepts(A + "x")).isFalse();
    assertThat(tokens.accepts(A.substring(1))).isFalse();
    assertThat(tokens.accepts("")).isFalse();
    assertThat(tokens.accepts(null)).isFalse();
  }

  @Test
  void of_weakToken_refusedWithoutEchoingIt() {
    assertThatThrownBy(() -> ApiTokens.of(List.of(A, "hunter2")))
        .hasMessage("API token 2 must have at least 16 characters but has 7");
    assertThatThrownBy(() -> ApiTokens.of(List.of("has space 0123456789")))
        .hasMessageContaining("must not contain spaces");
    assertThatThrownBy(() -> ApiTokens.of(List.of())).hasMessageContaining("no API token");
  }

  @Test
  void toString_countsOnly() {
    assertThat(ApiTokens.of(List.of(A, B)).toString()).isEqualTo("ApiTokens[2 token(s)]");
  }

  @Test
  void generate_ownerOnlyFile_randomUrlSafe_neverOverwrites() throws Exception {
    Path file = dir.resolve("sub/api-token");
    String t1 = ApiTokens.generate(file);
    assertThat(t1).matches("[A-Za-z0-9_-]{43}");
    assertThat(ApiTokens.read(file)).containsExactly(t1);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThatThrownBy(() -> ApiTokens.generate(file)).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    assertThat(ApiTokens.generate(dir.resolve("other"))).isNotEqualTo(t1);
  }

  @Test
  void read_skipsCommentsAndBlanks_rejectsEmpty() throws Exception {
    Path file = dir.resolve("tokens");
    Files.writeString(file, "# old one below, remove after rollout\n" + A + "\n\n  " + B + "  \n");
    assertThat(ApiTokens.read(file)).containsExactly(A, B);
    Files.writeString(file, "# nothing\n");
    assertThatThrownBy(() -> ApiTokens.read(file)).hasMessageContaining("holds no token");
  }
}
