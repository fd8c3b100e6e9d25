package io.edgeladder.agent.ingest;

/** SenML record fields the decoder knows (RFC 8428 §4.2), matched against raw key bytes. */
enum SenmlField {
  BN("bn"), BT("bt"), BU("bu"), N("n"), U("u"), V("v"), T("t"), VS("vs"), VB("vb"), VD("vd"),
  /** Known fields whose value we skip: base version ({@code bver}), update time ({@code ut}), sum ({@code s}). */
  IGNORED_NUMBER("bver");

  final String key;

  SenmlField(String key) {
    this.key = key;
  }

  /** The field named by {@code name}, or null for an unknown one. Allocation-free, no loops. */
  static SenmlField of(Utf8Buffer name) {
    switch (name.length()) {
      case 1:
        return switch (name.byteAt(0)) {
          case 'n' -> N;
          case 'u' -> U;
          case 'v' -> V;
          case 't' -> T;
          case 's' -> IGNORED_NUMBER;
          default -> null;
        };
      case 2: {
        byte a = name.byteAt(0);
        byte b = name.byteAt(1);
        if (a == 'b') {
          return b == 'n' ? BN : b == 't' ? BT : b == 'u' ? BU : null;
        }
        if (a == 'v') {
          return b == 's' ? VS : b == 'b' ? VB : b == 'd' ? VD : null;
        }
        return a == 'u' && b == 't' ? IGNORED_NUMBER : null;
      }
      case 4:
        return name.byteAt(0) == 'b' && name.byteAt(1) == 'v' && name.byteAt(2) == 'e' && name.byteAt(3) == 'r'
            ? IGNORED_NUMBER : null;
      default:
        return null;
    }
  }
}
