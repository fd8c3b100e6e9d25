package io.edgeladder.agent.transport.spool;

/**
 * One spooled message read back for replay. {@code payload} is this record's own array. The position
 * fields and {@code acked} belong to {@link SegmentSpool} (guarded by it).
 */
final class SpoolRecord {
  final String topic;
  final byte[] payload;
  final int qos;
  final boolean retain;
  final Segment segment;
  final long start;
  final long end;
  boolean acked;

  SpoolRecord(String topic, byte[] payload, int qos, boolean retain, Segment segment, long start, long end) {
    this.topic = topic;
    this.payload = payload;
    this.qos = qos;
    this.retain = retain;
    this.segment = segment;
    this.start = start;
    this.end = end;
  }

  @Override
  public String toString() {
    return "SpoolRecord[" + topic + ", " + payload.length + " bytes, qos " + qos + ", segment "
        + segment.id + " @" + start + ']';
  }
}
