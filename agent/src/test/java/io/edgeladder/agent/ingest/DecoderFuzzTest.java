package io.edgeladder.agent.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random, truncated and mutated payloads (seeded): a decoder either returns a sane frame count with
 * finite values, or throws {@link DecodeException}; never anything else. Jackson (strict) is the
 * oracle for the JSON grammar: what we accept must be JSON, and a number array we call malformed
 * must not be, which catches a parser that is too lenient or too strict.
 */
class DecoderFuzzTest {
  private static final int RUNS = 200_000;
  private static final int MAX_FRAMES = 8;
  private static final List<String> CHANNELS = List.of("x", "y", "z");
  private static final byte[] ALPHABET = "[]{},:\"0123456789.-+eE \n\tnxyzuvbtsNaIfy\\/".getBytes(UTF_8);
  private static final ObjectMapper STRICT =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final float[] scratch = new float[MAX_FRAMES * CHANNELS.size()];

  @Test
  void decode_rawFuzz_onlyDecodeExceptions() throws Exception {
    List<byte[]> seeds = List.of(
        RawF32DecoderTest.raw(1f, 2f, 3f, 4f, 5f, 6f),
        RawF32DecoderTest.raw(Float.MAX_VALUE, -Float.MAX_VALUE, 3f)); // one flipped bit from ±Inf/NaN
    Map<DecodeError, Integer> kinds = fuzz(PayloadFormat.RAW_F32LE, seeds, 1, false);
    assertThat(kinds).containsKeys(DecodeError.WRONG_LENGTH, DecodeError.NON_FINITE, DecodeError.OVERSIZED);
  }

  @Test
  void decode_jsonFuzz_onlyDecodeExceptions() throws Exception {
    List<byte[]> seeds = List.of(
        "[1.5,-2e3,3,4,5,6]".getBytes(UTF_8),
        "[[0.25,1E-2,-0],[7,8,9],[1,2,3]]".getBytes(UTF_8),
        " [ 1 , 2 , 3 ] ".getBytes(UTF_8));
    Map<DecodeError, Integer> kinds = fuzz(PayloadFormat.JSON, seeds, 3, true);
    assertThat(kinds).containsKeys(DecodeError.MALFORMED, DecodeError.WRONG_LENGTH, DecodeError.NON_FINITE);
  }

  @Test
  void decode_senmlFuzz_onlyDecodeExceptions() throws Exception {
    List<byte[]> seeds = List.of(
        ("[{\"bn\":\"dev:acc/\",\"bt\":1.7e9,\"bu\":\"m/s2\",\"n\":\"x\",\"v\":1},{\"n\":\"y\",\"v\":2},"
            + "{\"n\":\"z\",\"v\":3,\"t\":0.5}]").getBytes(UTF_8),
        "[{\"n\":\"x\",\"u\":\"m/s2\",\"v\":-1e-3},{\"n\":\"y\",\"v\":0},{\"n\":\"z\",\"v\":9.81,\"s\":2}]"
            .getBytes(UTF_8));
    Map<DecodeError, Integer> kinds = fuzz(PayloadFormat.SENML, seeds, 5, true);
    assertThat(kinds).containsKeys(DecodeError.MALFORMED, DecodeError.WRONG_NAME, DecodeError.WRONG_UNIT);
  }

  /** Runs the fuzz loop; returns how often each error kind (and, keyed null, success) occurred. */
  private Map<DecodeError, Integer> fuzz(PayloadFormat format, List<byte[]> seeds, long seed, boolean json)
      throws Exception {
    PayloadDecoder decoder = PayloadDecoder.of(format, CHANNELS, "m/s2", MAX_FRAMES);
    SplittableRandom rnd = new SplittableRandom(seed);
    Map<DecodeError, Integer> kinds = new EnumMap<>(DecodeError.class);
    int accepted = 0;
    for (int i = 0; i < RUNS; i++) {
      byte[] payload = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
      int frames;
      try {
        frames = decoder.decode(payload, scratch);
      } catch (DecodeException e) {
        kinds.merge(e.kind(), 1, Integer::sum);
        if (format == PayloadFormat.JSON && e.kind() == DecodeError.MALFORMED && isNumberArray(payload)) {
          throw new AssertionError("rejected valid JSON as malformed: " + new String(payload, UTF_8), e);
        }
        if (e.getMessage() == null || e.getMessage().isBlank()) {
          throw new AssertionError("no message for " + e.kind(), e);
        }
        continue;
      }
      accepted++;
      // Plain checks: AssertJ per iteration would dominate the run time.
      if (frames < 1 || frames > MAX_FRAMES) {
        throw new AssertionError(frames + " frames from " + Arrays.toString(payload));
      }
      for (int k = 0; k < frames * CHANNELS.size(); k++) {
        if (!Float.isFinite(scratch[k])) {
          throw new AssertionError("value " + k + " = " + scratch[k] + " from " + Arrays.toString(payload));
        }
      }
      if (json) {
        try {
          STRICT.readTree(payload);
        } catch (Exception e) {
          throw new AssertionError("accepted invalid JSON: " + new String(payload, UTF_8), e);
        }
      }
    }
    assertThat(accepted).as("some mutations stay valid").isGreaterThan(RUNS / 100);
    return kinds;
  }

  /** Whether Jackson (strict) reads a flat number array or an array of number arrays. */
  private static boolean isNumberArray(byte[] payload) {
    JsonNode root;
    try {
      root = STRICT.readTree(payload);
    } catch (Exception notJson) {
      return false;
    }
    if (root == null || !root.isArray() || root.isEmpty()) {
      return false;
    }
    boolean nested = root.get(0).isArray();
    for (JsonNode element : root) {
      if (nested ? !element.isArray() || !allNumbers(element) : !element.isNumber()) {
        return false;
      }
    }
    return true;
  }

  private static boolean allNumbers(JsonNode array) {
    for (JsonNode v : array) {
      if (!v.isNumber()) {
        return false;
      }
    }
    return true;
  }

  private static byte[] mutate(byte[] seed, SplittableRandom rnd) {
    switch (rnd.nextInt(6)) {
      case 0: { // random bytes
        byte[] b = new byte[rnd.nextInt(40)];
        for (int i = 0; i < b.length; i++) {
          b[i] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : ALPHABET[rnd.nextInt(ALPHABET.length)];
        }
        return b;
      }
      case 1: // truncation
        return Arrays.copyOf(seed, rnd.nextInt(seed.length + 1));
      case 2: { // repetition (oversized / length errors)
        byte[] b = Arrays.copyOf(seed, seed.length * (1 + rnd.nextInt(6)));
        for (int i = seed.length; i < b.length; i++) {
          b[i] = seed[i % seed.length];
        }
        return b;
      }
      default: { // point mutations: replace, insert or delete a few bytes
        byte[] b = seed.clone();
        for (int m = 1 + rnd.nextInt(3); m > 0 && b.length > 0; m--) {
          int at = rnd.nextInt(b.length);
          byte v = rnd.nextInt(4) == 0 ? (byte) rnd.nextInt(256) : ALPHABET[rnd.nextInt(ALPHABET.length)];
          switch (rnd.nextInt(3)) {
            case 0 -> b[at] = v;
            case 1 -> {
              byte[] c = new byte[b.length + 1];
              System.arraycopy(b, 0, c, 0, at);
              c[at] = v;
              System.arraycopy(b, at, c, at + 1, b.length - at);
              b = c;
            }
            default -> {
              byte[] c = new byte[b.length - 1];
              System.arraycopy(b, 0, c, 0, at);
              System.arraycopy(b, at + 1, c, at, b.length - at - 1);
              b = c;
            }
          }
        }
        return b;
      }
    }
  }
}
