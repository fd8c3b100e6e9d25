package io.edgeladder.agent.ingest;

import java.nio.charset.StandardCharsets;

/** SenML record fields the decoder knows (RFC 8428 §4.2), matched against raw key bytes. */
enum SenmlField {
  BN("bn"), BT("bt"), BU("bu"), N("n"), U("u"), V("v"), T("t"), VS("vs"), VB("vb"), VD("vd"),
  /** Known fields whose value we skip: base version, update time, sum. */
  IGNORED_NUMBER("bver", "ut", "s");

  private static final SenmlField[] ALL = values();

  final String key;
  private final byte[][] keys;

  SenmlField(String... keys) {
    this.key = keys[0];
    this.keys = new byte[keys.length][];
    for (int i = 0; i < keys.length; i++) {
      this.keys[i] = keys[i].getBytes(StandardCharsets.US_ASCII);
    }
  }

  /** The field named by {@code name}, or null for an unknown one. Allocation-free. */
  static SenmlField of(Utf8Buffer name) {
    for (SenmlField f : ALL) {
      for (byte[] k : f.keys) {
        if (name.contentEquals(k)) {
          return f;
        }
      }
    }
    return null;
  }
}
