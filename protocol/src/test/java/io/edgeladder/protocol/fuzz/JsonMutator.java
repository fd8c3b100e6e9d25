package io.edgeladder.protocol.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Structure-aware JSON fuzzing: valid sample messages mutated field by field (wrong types, huge and
 * non-finite numbers, deep nesting, unicode, duplicate keys, removed, added, swapped and emptied fields),
 * byte-level mutations of the samples (truncation, bit flips, insertions), and raw random bytes.
 * Immutable; the randomness comes from jqwik, so a failing try replays from its seed.
 */
public final class JsonMutator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String[] HUGE = {"1e400", "-1e400", "9223372036854775808", "-9223372036854775809",
      "1.7976931348623157e308", "4.9e-324", "123456789012345678901234567890", "1e-400", "-0", "-0.0",
      "2147483648", "-2147483649", "9223372036854775807", "-9223372036854775808", "0.5", "1E2", "1e+2",
      "1" + "0".repeat(1200), "0." + "0".repeat(1200) + "1"};
  private static final String[] NON_FINITE = {"NaN", "Infinity", "-Infinity", "\"NaN\"", "\"Infinity\"",
      "\"-Infinity\"", "nan", "+1", "01", ".5", "1.", "0x10"};
  private static final String[] UNICODE = {"", " ", "\u0000", "é", "日本語", "\uD83D\uDE80", "\u202Egw-1",
      "\u200B", "gw/1", "gw+1", "gw#", "a\nb", "\\", "\"", "x".repeat(70_000), "\uFEFFgw-1", "gw-1 ", "Ⅻ",
      "\u00A0", "ǅ", "ﬁ"};
  private static final String[] RAW_STRINGS = {"\"\\ud800\"", "\"\\udc00x\"", "\"\\u0000\"", "\"\u0001\"",
      "\"\\x41\"", "\"abc", "'single'", "\"\\uZZZZ\""};

  private static final byte[] PUNCTUATION = "{}[],:\"\\0-e.tfn \u0000".getBytes(StandardCharsets.UTF_8);

  private final List<JsonNode> seeds;
  private final List<byte[]> seedBytes;

  private JsonMutator(List<JsonNode> seeds, List<byte[]> seedBytes) {
    this.seeds = seeds;
    this.seedBytes = seedBytes;
  }

  /** A mutator of these valid samples (each must be JSON). */
  public static JsonMutator of(byte[]... validSamples) {
    List<JsonNode> trees = new ArrayList<>();
    for (byte[] s : validSamples) {
      try {
        trees.add(JSON.readTree(s));
      } catch (IOException e) {
        throw new IllegalArgumentException("fuzz seed is not JSON: " + new String(s, StandardCharsets.UTF_8), e);
      }
    }
    return new JsonMutator(trees, Arrays.stream(validSamples).map(byte[]::clone).toList());
  }

  /**
   * Mostly structural mutations, then byte-level ones, random bytes and a few unchanged samples (so the
   * property sees the accepting path too).
   */
  public Arbitrary<Payload> payloads() {
    return Arbitraries.randomValue(this::next);
  }

  /** One payload drawn as {@link #payloads()} draws them, from the caller's randomness. */
  public Payload next(Random r) {
    int roll = r.nextInt(100);
    if (roll < 70) return structural(r);
    if (roll < 90) return textual(r);
    if (roll < 96) return randomBytes(r);
    int i = r.nextInt(seedBytes.size());
    return new Payload("unchanged#" + i, seedBytes.get(i).clone());
  }

  /** One to three field-level mutations of a sample. */
  public Payload structural(Random r) {
    int seed = r.nextInt(seeds.size());
    JsonNode root = seeds.get(seed).deepCopy();
    StringBuilder how = new StringBuilder("seed#").append(seed);
    for (int m = 1 + r.nextInt(3); m > 0; m--) {
      List<Loc> locs = new ArrayList<>();
      collect(root, null, null, -1, "", locs);
      Loc at = locs.get(r.nextInt(locs.size()));
      Mutation kind = Mutation.values()[r.nextInt(Mutation.values().length)];
      JsonNode replacement = mutate(kind, at, root, r);
      how.append(' ').append(kind.name().toLowerCase()).append('@').append(at.path.isEmpty() ? "$" : at.path);
      if (replacement == REMOVE) {
        if (at.parent instanceof ObjectNode o) o.remove(at.field);
        else if (at.parent instanceof ArrayNode a) a.remove(at.index);
        else root = F.objectNode();
      } else if (at.parent == null) {
        root = replacement;
      } else if (at.parent instanceof ObjectNode o) {
        o.set(at.field, replacement);
      } else {
        ((ArrayNode) at.parent).set(at.index, replacement);
      }
    }
    return new Payload(how.toString(), write(root));
  }

  /** Byte-level damage to a sample's exact bytes. */
  public Payload textual(Random r) {
    int seed = r.nextInt(seedBytes.size());
    byte[] b = seedBytes.get(seed).clone();
    String how;
    switch (r.nextInt(7)) {
      case 0 -> {
        int n = r.nextInt(b.length);
        b = Arrays.copyOf(b, n);
        how = "truncated@" + n;
      }
      case 1 -> {
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
          int at = r.nextInt(b.length);
          b[at] ^= (byte) (1 << r.nextInt(8));
        }
        how = "bitflips×" + n;
      }
      case 2 -> {
        int at = r.nextInt(b.length + 1);
        byte[] c = new byte[b.length + 1];
        System.arraycopy(b, 0, c, 0, at);
        c[at] = PUNCTUATION[r.nextInt(PUNCTUATION.length)];
        System.arraycopy(b, at, c, at + 1, b.length - at);
        b = c;
        how = "inserted@" + at;
      }
      case 3 -> {
        int from = r.nextInt(b.length);
        int to = from + r.nextInt(b.length - from);
        byte[] c = new byte[b.length - (to - from)];
        System.arraycopy(b, 0, c, 0, from);
        System.arraycopy(b, to, c, from, b.length - to);
        b = c;
        how = "cut[" + from + "," + to + ")";
      }
      case 4 -> {
        byte[] c = Arrays.copyOf(b, b.length + 1 + r.nextInt(8));
        for (int i = b.length; i < c.length; i++) c[i] = (byte) r.nextInt(256);
        b = c;
        how = "trailing-garbage";
      }
      case 5 -> {
        b = new String(b, StandardCharsets.UTF_8).getBytes(r.nextBoolean() ? StandardCharsets.UTF_16LE
            : StandardCharsets.UTF_16BE);
        how = "utf16";
      }
      default -> {
        byte[] c = new byte[b.length * 2];
        System.arraycopy(b, 0, c, 0, b.length);
        System.arraycopy(b, 0, c, b.length, b.length);
        b = c;
        how = "doubled";
      }
    }
    return new Payload("seed#" + seed + " " + how, b);
  }

  /** Random bytes, half of them drawn from JSON's punctuation. */
  public static Payload randomBytes(Random r) {
    byte[] alphabet = "{}[],:\"0123456789.-+eEtruefalsn \\u".getBytes(StandardCharsets.UTF_8);
    byte[] b = new byte[r.nextInt(64)];
    for (int i = 0; i < b.length; i++) b[i] = r.nextBoolean() ? (byte) r.nextInt(256) : alphabet[r.nextInt(alphabet.length)];
    return new Payload("random-bytes", b);
  }

  private enum Mutation { WRONG_TYPE, HUGE_NUMBER, NON_FINITE, DEEP, UNICODE, RAW_STRING, REMOVE, NULL, ADD_FIELD,
    DUPLICATE_KEY, SWAP, EMPTY, BOUNDARY, REPEAT_ELEMENT }

  private static final JsonNode REMOVE = F.textNode("\u0000remove");

  private JsonNode mutate(Mutation kind, Loc at, JsonNode root, Random r) {
    JsonNode n = at.node;
    return switch (kind) {
      case WRONG_TYPE -> wrongType(n, r);
      case HUGE_NUMBER -> raw(HUGE[r.nextInt(HUGE.length)]);
      case NON_FINITE -> raw(NON_FINITE[r.nextInt(NON_FINITE.length)]);
      case DEEP -> deep(r);
      case UNICODE -> F.textNode(UNICODE[r.nextInt(UNICODE.length)]);
      case RAW_STRING -> raw(RAW_STRINGS[r.nextInt(RAW_STRINGS.length)]);
      case REMOVE -> REMOVE;
      case NULL -> NullNode.instance;
      case ADD_FIELD -> {
        if (!(n instanceof ObjectNode o)) yield wrongType(n, r);
        ObjectNode c = o.deepCopy();
        c.set("fuzz" + r.nextInt(3), deep(r));
        yield c;
      }
      case DUPLICATE_KEY -> duplicateKey(n, r);
      case SWAP -> {
        List<Loc> all = new ArrayList<>();
        collect(root, null, null, -1, "", all);
        yield all.get(r.nextInt(all.size())).node.deepCopy();
      }
      case EMPTY -> n.isArray() ? F.arrayNode() : n.isObject() ? F.objectNode() : F.textNode("");
      case BOUNDARY -> boundary(r);
      case REPEAT_ELEMENT -> {
        if (n instanceof ArrayNode a && !a.isEmpty()) {
          ArrayNode c = a.deepCopy();
          c.add(a.get(r.nextInt(a.size())).deepCopy());
          yield c;
        }
        yield boundary(r);
      }
    };
  }

  private static JsonNode wrongType(JsonNode n, Random r) {
    JsonNode[] options = {F.textNode("x"), IntNode.valueOf(7), LongNode.valueOf(-1), DoubleNode.valueOf(1.5),
        BooleanNode.TRUE, NullNode.instance, F.arrayNode().add("x"), F.objectNode().put("a", 1), F.arrayNode(),
        F.objectNode()};
    JsonNode v;
    do {
      v = options[r.nextInt(options.length)];
    } while (v.getNodeType() == n.getNodeType() && r.nextInt(4) != 0);
    return v;
  }

  private static JsonNode boundary(Random r) {
    long[] values = {0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 64, 65, 255};
    return r.nextInt(4) == 0 ? DoubleNode.valueOf(new double[] {1e-9, -0.0, 1.0000001, 0.9999999}[r.nextInt(4)])
        : LongNode.valueOf(values[r.nextInt(values.length)]);
  }

  /** Arrays or objects nested 2..3000 deep (Jackson's own limit is 1000). */
  private static JsonNode deep(Random r) {
    int depth = r.nextInt(4) == 0 ? 900 + r.nextInt(2100) : 2 + r.nextInt(60);
    boolean objects = r.nextBoolean();
    String open = objects ? "{\"a\":" : "[";
    String close = objects ? "}" : "]";
    return raw(open.repeat(depth) + (objects ? "1" : "") + close.repeat(depth));
  }

  private static JsonNode duplicateKey(JsonNode n, Random r) {
    if (!(n instanceof ObjectNode o)) return raw("{\"k\":1,\"k\":2}");
    String text = writeString(o);
    if (o.isEmpty()) return raw("{\"k\":1,\"k\":\"2\"}");
    Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
    Map.Entry<String, JsonNode> first = fields.next();
    String key = writeString(F.textNode(first.getKey()));
    String dup = writeString(wrongType(first.getValue(), r));
    return raw("{" + key + ":" + dup + "," + text.substring(1));
  }

  private static JsonNode raw(String text) {
    return new POJONode(new RawValue(text));
  }

  private record Loc(JsonNode parent, String field, int index, String path, JsonNode node) {}

  private static void collect(JsonNode node, JsonNode parent, String field, int index, String path, List<Loc> out) {
    out.add(new Loc(parent, field, index, path, node));
    if (node instanceof ObjectNode o) {
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        collect(e.getValue(), o, e.getKey(), -1, path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) collect(a.get(i), a, null, i, path + "[" + i + "]", out);
    }
  }

  private static byte[] write(JsonNode root) {
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String writeString(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
