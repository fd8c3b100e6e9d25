package io.edgeladder.controller.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConsoleAssetsTest {
  /** {@code from './x.js'}, {@code src="x.js"}, {@code href="x.css"}: same-folder references only. */
  private static final Pattern REF = Pattern.compile("(?:from '\\./|(?:src|href)=\")([a-z.-]+\\.(?:js|css))");

  @Test
  void load_everyFileReferencedByAnotherIsServed_andEveryServedFileIsUsed() {
    ConsoleAssets assets = ConsoleAssets.load();
    Set<String> referenced = new LinkedHashSet<>();
    for (String name : ConsoleAssets.FILES) {
      String text = new String(assets.get(name).orElseThrow().bytes(), StandardCharsets.UTF_8);
      Matcher m = REF.matcher(text);
      while (m.find()) referenced.add(m.group(1));
    }
    referenced.add("index.html");

    assertThat(ConsoleAssets.FILES).containsExactlyInAnyOrderElementsOf(referenced);
  }

  @Test
  void get_pathOutsideTheList_empty() {
    ConsoleAssets assets = ConsoleAssets.load();

    assertThat(assets.get("../openapi.yaml")).isEmpty();
    assertThat(assets.get("logback.xml")).isEmpty();
    assertThat(assets.get("index.html").orElseThrow().contentType()).startsWith("text/html");
  }
}
