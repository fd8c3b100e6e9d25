package io.edgeladder.agent.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Matches SenML record names to the pipeline's channels without allocating: a record's channel is the
 * part of {@code bn + n} after its last ':' or '/', and the k-th sample must be channel
 * {@code k % channels} (records come in frame order).
 */
final class SenmlNames {
  private final List<String> names;
  private final byte[][] bytes;

  SenmlNames(List<String> names) {
    this.names = names;
    this.bytes = new byte[names.size()][];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = names.get(i).getBytes(StandardCharsets.UTF_8);
    }
  }

  int count() {
    return bytes.length;
  }

  List<String> names() {
    return names;
  }

  /** Rejects sample {@code sample} (from record {@code record}) unless it names the expected channel. */
  void check(Utf8Buffer bn, Utf8Buffer n, int record, int sample) throws DecodeException {
    int expected = sample % bytes.length;
    if (is(bn, n, bytes[expected])) {
      return;
    }
    int actual = -1;
    for (int i = 0; i < bytes.length && actual < 0; i++) {
      actual = is(bn, n, bytes[i]) ? i : -1;
    }
    String full = bn.toString() + n;
    throw new DecodeException(DecodeError.WRONG_NAME, actual < 0
        ? "SenML payload: record " + record + " has name '" + full + "' which is not a channel of " + names
        : "SenML payload: record " + record + " is channel '" + names.get(actual) + "' but '"
            + names.get(expected) + "' was expected (frame order " + names + ")");
  }

  private static boolean is(Utf8Buffer bn, Utf8Buffer n, byte[] channel) {
    int nSep = n.lastSeparator();
    if (nSep >= 0) {
      int len = n.length() - nSep - 1;
      return len == channel.length && n.regionEquals(nSep + 1, channel, 0, len);
    }
    int bnFrom = bn.lastSeparator() + 1;
    int bnLen = bn.length() - bnFrom;
    return bnLen + n.length() == channel.length
        && bn.regionEquals(bnFrom, channel, 0, bnLen)
        && n.regionEquals(0, channel, bnLen, n.length());
  }
}
