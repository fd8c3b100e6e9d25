package io.edgeladder.agent.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@link PayloadFormat#SENML}: a SenML JSON pack (RFC 8428), one record per channel sample, records in
 * frame order ({@code x,y,z,x,y,z,...}); see {@link SenmlNames} for name matching. Hand-rolled over
 * {@link JsonScanner}, so it allocates nothing in steady state.
 *
 * <p>Understood fields: {@code bn bt bu n u v t}; base fields apply to their record and every later
 * one. Ignored: {@code bver}, {@code ut}, {@code s} and unknown fields, except those ending in '_'
 * (RFC 8428 "must understand", rejected as malformed). A record carrying {@code vs}, {@code vb} or
 * {@code vd} is malformed; a record with no value at all (e.g. base fields only) contributes no
 * sample. A record without any unit is accepted. A field repeated within a record is malformed.
 * Positions in messages are 0-based record indices.
 */
final class SenmlDecoder implements PayloadDecoder {
  private static final String FORMAT = "SenML";
  /** RFC 8428 §4.5.3: times below 2^28 s are relative to the current time. */
  private static final double RELATIVE_TIME_LIMIT = 1 << 28;

  private final SenmlNames names;
  private final byte[] unit;
  private final String unitName;
  private final int maxFrames;
  private final int capacity;
  private final JsonScanner in = new JsonScanner(FORMAT);
  private final Utf8Buffer key = new Utf8Buffer(16);
  private final Utf8Buffer bn = new Utf8Buffer(64);
  private final Utf8Buffer bu = new Utf8Buffer(16);
  private final Utf8Buffer n = new Utf8Buffer(32);
  private final Utf8Buffer u = new Utf8Buffer(16);
  private final Utf8Buffer skipped = new Utf8Buffer(32);

  // Per-pack state (reset by decode); per-record state in the fields below.
  private boolean hasBu;
  private double bt;
  private boolean hasBt;
  private long lastBaseTime = NO_TIME;
  private long lastSampleTime = NO_TIME;

  private int seenKeys;
  private boolean hasV;
  private double v;
  private double t;
  private String otherValueKey;

  SenmlDecoder(List<String> channelNames, String unit, int maxFrames) {
    this.names = new SenmlNames(channelNames);
    this.unitName = unit;
    this.unit = unit == null ? null : unit.getBytes(StandardCharsets.UTF_8);
    this.maxFrames = maxFrames;
    this.capacity = maxFrames * channelNames.size();
  }

  @Override
  public long lastBaseTimeMillis() {
    return lastBaseTime;
  }

  @Override
  public long lastSampleTimeMillis() {
    return lastSampleTime;
  }

  @Override
  public int decode(byte[] payload, float[] frames) throws DecodeException {
    Checks.scratch(frames, capacity);
    lastBaseTime = NO_TIME;
    lastSampleTime = NO_TIME;
    bn.clear();
    hasBu = false;
    hasBt = false;
    bt = 0;
    double firstBt = Double.NaN;
    double sampleTime = Double.NaN;
    in.reset(payload);
    in.skipWs();
    in.expect('[');
    in.skipWs();
    int samples = 0;
    if (in.peek() == ']') {
      in.expect(']');
    } else {
      for (int record = 0; ; record++) {
        in.skipWs();
        record(record);
        if (hasBt && Double.isNaN(firstBt)) {
          firstBt = bt;
        }
        if (hasV) {
          if (samples == capacity) {
            throw Checks.oversized(FORMAT, maxFrames);
          }
          checkSample(record, samples);
          frames[samples++] = (float) v;
          sampleTime = bt + t;
        }
        in.skipWs();
        if (in.peek() == ',') {
          in.expect(',');
        } else {
          in.expect(']');
          break;
        }
      }
    }
    in.expectEnd();
    if (samples == 0) {
      throw new DecodeException(DecodeError.WRONG_LENGTH, "SenML payload: no records with a numeric value 'v'");
    }
    if (samples % names.count() != 0) {
      throw new DecodeException(DecodeError.WRONG_NAME, "SenML payload: channels not equally represented: "
          + samples + " samples for " + names.count() + " channels " + names.names());
    }
    lastBaseTime = toMillis(firstBt);
    lastSampleTime = toMillis(sampleTime);
    return samples / names.count();
  }

  private static long toMillis(double seconds) {
    return seconds >= RELATIVE_TIME_LIMIT ? Math.round(seconds * 1000.0) : NO_TIME;
  }

  /** Parses one record object into the per-record fields (and the base fields it sets). */
  private void record(int record) throws DecodeException {
    seenKeys = 0;
    hasV = false;
    t = 0;
    otherValueKey = null;
    n.clear();
    u.clear();
    in.expect('{');
    in.skipWs();
    if (in.peek() == '}') {
      in.expect('}');
      return;
    }
    while (true) {
      in.skipWs();
      in.string(key);
      in.skipWs();
      in.expect(':');
      in.skipWs();
      field(record);
      in.skipWs();
      if (in.peek() == ',') {
        in.expect(',');
      } else {
        in.expect('}');
        break;
      }
    }
    if (otherValueKey != null && !hasV) {
      throw in.malformed("record " + record + " carries '" + otherValueKey
          + "' (a string, boolean or data value); only numeric 'v' is supported");
    }
  }

  private void field(int record) throws DecodeException {
    SenmlField f = SenmlField.of(key);
    if (f == null) {
      if (key.length() > 0 && key.byteAt(key.length() - 1) == '_') {
        throw in.malformed("record " + record + " has must-understand field '" + key + "'");
      }
      in.skipValue(skipped);
      return;
    }
    int bit = f == SenmlField.IGNORED_NUMBER ? 0 : 1 << f.ordinal();
    if ((seenKeys & bit) != 0) {
      throw in.malformed("record " + record + " repeats field '" + key + "'");
    }
    seenKeys |= bit;
    switch (f) {
      case BN -> in.string(bn);
      case BU -> {
        in.string(bu);
        hasBu = true;
      }
      case N -> in.string(n);
      case U -> in.string(u);
      case BT -> {
        bt = time(record, "bt");
        hasBt = true;
      }
      case T -> t = time(record, "t");
      case V -> {
        v = in.number();
        hasV = true;
      }
      case VS, VB, VD -> {
        otherValueKey = f.key;
        in.skipValue(skipped);
      }
      case IGNORED_NUMBER -> in.skipValue(skipped);
    }
  }

  private double time(int record, String field) throws DecodeException {
    double d = in.number();
    if (!Double.isFinite(d)) {
      throw in.malformed("record " + record + " has a non-finite time '" + field + "'");
    }
    return d;
  }

  /** Unit, name, order and value checks for the sample-th value, taken from record {@code record}. */
  private void checkSample(int record, int sample) throws DecodeException {
    if (otherValueKey != null) {
      throw in.malformed("record " + record + " carries both 'v' and '" + otherValueKey + "'");
    }
    Utf8Buffer recordUnit = u.length() > 0 ? u : hasBu ? bu : null;
    if (unit != null && recordUnit != null && !recordUnit.contentEquals(unit)) {
      throw new DecodeException(DecodeError.WRONG_UNIT, "SenML payload: record " + record + " has unit '"
          + recordUnit + "' but pipeline expects '" + unitName + "'");
    }
    names.check(bn, n, record, sample);
    float f = (float) v;
    if (!Float.isFinite(f)) {
      throw new DecodeException(DecodeError.NON_FINITE, "SenML payload: record " + record + " value "
          + (Double.isNaN(v) ? "is NaN" : "is infinite (" + v + ")"));
    }
  }
}
