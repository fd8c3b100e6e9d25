package io.edgeladder.protocol.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Structure-aware YAML config fuzzing: a valid config file mutated line by line (a value replaced by a wrong
 * type, a huge or non-finite number, a YAML oddity such as tags, aliases, NUL escapes or octal; lines
 * deleted, duplicated into duplicate keys, re-indented, unknown keys inserted, alias bombs, documents
 * split, text truncated), the same config as a JSON tree mutated by {@link JsonMutator} (JSON is YAML flow
 * style), and random text. Immutable.
 */
public final class YamlMutator {
  private static final Pattern KEY_VALUE = Pattern.compile("^(\\s*(?:-\\s+)?[A-Za-z_][A-Za-z0-9_]*:)(\\s*)([^#]*?)(\\s+#.*)?$");
  private static final String[] VALUES = {"-1", "0", "1", "1e400", "-1e400", ".nan", ".inf", "-.inf", "NaN", "~",
      "null", "[]", "{}", "[x, y]", "{a: 1}", "!!binary AAAA", "!!java.io.File /tmp", "!custom x", "&a [*a]",
      "*undefined", "\"\\0\"", "\"a\\0b\"", "\"\\ud800\"", "0x1F", "0o17", "017", "1_000", "yes", "on", "off",
      "2025-01-01", "12:30:00", "9223372036854775808", "2147483648", "-2147483649", "1.5", "\"\"", "\" \"",
      "tcp://", "ssl://[::1", "tcp://host/path", "mqtt://h:1", "tcp://h:99999", "../../../etc/passwd", "/dev/null",
      "é", "\uD83D\uDE80", "gw/1", "gw+", "'#'", "\"x\"", "'" + "x".repeat(5000) + "'", "|\n  block\n  text",
      ">-\n  folded", "? complex", ": :", "[1, [2, [3, [4, [5]]]]]", "\"\\t\"", "\"\\u202e\"", "1e-400",
      "0.0000001", "99999999999", "'0'", "true", "false"};
  private static final String BOMB = String.join("\n",
      "bomb0: &b0 [x, x, x, x, x, x, x, x, x]",
      "bomb1: &b1 [*b0, *b0, *b0, *b0, *b0, *b0, *b0, *b0, *b0]",
      "bomb2: &b2 [*b1, *b1, *b1, *b1, *b1, *b1, *b1, *b1, *b1]",
      "bomb3: &b3 [*b2, *b2, *b2, *b2, *b2, *b2, *b2, *b2, *b2]",
      "bomb4: &b4 [*b3, *b3, *b3, *b3, *b3, *b3, *b3, *b3, *b3]", "");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String yaml;
  private final List<String> lines;
  private final JsonMutator asJson;

  private YamlMutator(String yaml) {
    this.yaml = yaml;
    this.lines = List.of(yaml.split("\n", -1));
    try {
      JsonNode tree = new YAMLMapper().readTree(yaml);
      this.asJson = JsonMutator.of(JSON.writeValueAsBytes(tree));
    } catch (IOException e) {
      throw new UncheckedIOException("fuzz seed is not YAML", e);
    }
  }

  /** A mutator of one valid config text. */
  public static YamlMutator of(String validYaml) {
    return new YamlMutator(validYaml);
  }

  /** Line-level mutations (60 %), mutated JSON trees (25 %), random text (5 %), the config itself (10 %). */
  public Arbitrary<Payload> payloads() {
    return Arbitraries.randomValue(this::next);
  }

  public Payload next(Random r) {
    int roll = r.nextInt(100);
    if (roll < 60) return lines(r);
    if (roll < 85) return asJson.structural(r);
    if (roll < 90) return randomText(r);
    return new Payload("unchanged", yaml.getBytes(StandardCharsets.UTF_8));
  }

  private Payload lines(Random r) {
    List<String> out = new ArrayList<>(lines);
    StringBuilder how = new StringBuilder();
    for (int m = 1 + r.nextInt(3); m > 0; m--) {
      int at = r.nextInt(out.size());
      String line = out.get(at);
      switch (r.nextInt(9)) {
        case 0, 1, 2 -> {
          Matcher kv = KEY_VALUE.matcher(line);
          if (kv.matches()) {
            out.set(at, kv.group(1) + " " + VALUES[r.nextInt(VALUES.length)]);
            how.append(" value@").append(at + 1);
          } else {
            out.set(at, line + " " + VALUES[r.nextInt(VALUES.length)]);
            how.append(" append@").append(at + 1);
          }
        }
        case 3 -> {
          out.remove(at);
          how.append(" delete@").append(at + 1);
        }
        case 4 -> {
          out.add(at, line);
          how.append(" duplicate@").append(at + 1);
        }
        case 5 -> {
          String indent = r.nextInt(4) == 0 ? "\t" : " ".repeat(1 + r.nextInt(3));
          out.set(at, r.nextBoolean() ? indent + line : line.replaceFirst("^ {1,3}", ""));
          how.append(" indent@").append(at + 1);
        }
        case 6 -> {
          String lead = line.replaceAll("^(\\s*).*$", "$1");
          out.add(at, lead + "fuzz" + r.nextInt(3) + ": " + VALUES[r.nextInt(VALUES.length)]);
          how.append(" unknown-key@").append(at + 1);
        }
        case 7 -> {
          out.add(0, r.nextBoolean() ? BOMB : "---");
          how.append(r.nextBoolean() ? " alias-bomb" : " document");
        }
        default -> {
          String text = String.join("\n", out);
          int cut = r.nextInt(text.length() + 1);
          return new Payload(how + " truncated@" + cut, text.substring(0, cut).getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    return new Payload(how.toString().trim(), String.join("\n", out).getBytes(StandardCharsets.UTF_8));
  }

  private static Payload randomText(Random r) {
    char[] alphabet = "abc:-[]{}&*!|>'\"#\n  \t0123456789.~%@`,?".toCharArray();
    char[] c = new char[r.nextInt(200)];
    for (int i = 0; i < c.length; i++) c[i] = r.nextInt(10) == 0 ? (char) r.nextInt(0x3000) : alphabet[r.nextInt(alphabet.length)];
    return new Payload("random-text", new String(c).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "YamlMutator" + Arrays.toString(new int[] {lines.size()});
  }
}
