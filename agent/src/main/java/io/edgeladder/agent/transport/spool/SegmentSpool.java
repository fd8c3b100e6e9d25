package io.edgeladder.agent.transport.spool;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded, ordered message log on disk: append at the tail, read from a cursor, and records leave
 * only once acknowledged ({@link #acked}), in order.
 *
 * <p><b>Format</b> (big-endian): segment files {@code 00000000000000000001.seg}, ... each a run of
 * records {@code int bodyLength, int crc32(body), body}; body = {@code byte flags} (QoS in bits 0-1,
 * retain in bit 2), {@code short topicLength}, topic UTF-8, payload. The file {@code head} holds the
 * acknowledged position ({@code long segmentId, long offset, int crc32} of the two). A segment rolls at
 * an eighth of {@code maxBytes}; a segment whose records are all acknowledged is deleted.
 *
 * <p><b>Crash safety:</b> on open every segment is scanned; the first record that is short, too long or
 * fails its CRC ends the segment: the file is truncated there and {@code edge.spool.corrupt} counts one
 * stretch. A missing or bad {@code head} replays the first segment from its start (duplicates, never
 * losses). <b>Bound:</b> when an append would pass {@code maxBytes}, whole segments are dropped from the
 * head, their unacknowledged records counted in {@code edge.spool.dropped}.
 *
 * <p>Thread-safe: every method synchronizes on this spool; {@link #isEmpty()} is a volatile read.
 */
final class SegmentSpool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentSpool.class);
  static final int HEADER = 8;
  static final int MIN_BODY = 3;
  static final String HEAD_FILE = "head";
  static final String LOCK_FILE = "lock";

  private final SpoolOptions options;
  private final LongSupplier nowMillis;
  private final SpoolMetrics metrics;
  private final List<Segment> segments = new ArrayList<>();
  private final ArrayDeque<SpoolRecord> unacked = new ArrayDeque<>();
  private final CRC32 crc = new CRC32();
  private final ByteBuffer header = ByteBuffer.allocate(HEADER);
  private final ByteBuffer headBuffer = ByteBuffer.allocate(20);
  private final FileChannel headChannel;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private ByteBuffer buffer = ByteBuffer.allocate(4096);
  /** Acknowledged position in segments.get(0): its offset and how many records lie before it. */
  private long headOffset;
  private int headRecords;
  private Segment cursorSegment;
  private long cursorOffset;
  private int cursorIndex;
  private long pending;
  private long bytes;
  private volatile boolean empty;
  private boolean dirty;
  private long lastSyncMillis;
  private long syncs;
  private boolean closed;

  private SegmentSpool(SpoolOptions options, LongSupplier nowMillis, SpoolMetrics metrics,
      FileChannel lockChannel, FileLock lock, FileChannel headChannel) {
    this.options = options;
    this.nowMillis = nowMillis;
    this.metrics = metrics;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.headChannel = headChannel;
  }

  /**
   * Opens (or creates) the spool in {@code options.dir()}, repairing torn tails.
   *
   * @throws IOException if the folder cannot be used, or another process holds its lock
   */
  static SegmentSpool open(SpoolOptions options, LongSupplier nowMillis, SpoolMetrics metrics)
      throws IOException {
    Path dir = options.dir();
    Files.createDirectories(dir);
    FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      throw new IOException("spool folder " + dir + " is in use by another agent (" + LOCK_FILE + " is locked)");
    }
    FileChannel headChannel = null;
    try {
      headChannel = FileChannel.open(dir.resolve(HEAD_FILE), StandardOpenOption.CREATE,
          StandardOpenOption.READ, StandardOpenOption.WRITE);
      SegmentSpool spool = new SegmentSpool(options, nowMillis, metrics, lockChannel, lock, headChannel);
      spool.load();
      return spool;
    } catch (IOException | RuntimeException e) {
      if (headChannel != null) headChannel.close();
      lock.release();
      lockChannel.close();
      throw e;
    }
  }

  private synchronized void load() throws IOException {
    List<Long> ids = new ArrayList<>();
    try (Stream<Path> files = Files.list(options.dir())) {
      files.forEach(f -> {
        long id = Segment.idOf(f.getFileName().toString());
        if (id >= 0) ids.add(id);
      });
    }
    ids.sort(null);
    for (long id : ids) {
      Segment segment = Segment.open(options.dir(), id);
      segments.add(segment);
      scan(segment);
    }
    long[] head = readHead();
    if (head != null) {
      // Segments before the head's were acknowledged; the crash came before they were deleted.
      while (segments.size() > 1 && segments.get(0).id < head[0]) {
        segments.remove(0).closeAndDelete();
      }
    }
    if (segments.isEmpty()) {
      segments.add(Segment.open(options.dir(), 1));
    }
    Segment first = segments.get(0);
    if (head != null && head[0] == first.id) {
      int before = recordsBefore(first, head[1]);
      if (before >= 0) {
        headOffset = head[1];
        headRecords = before;
      }
    }
    for (Segment s : segments) {
      pending += s.records;
      bytes += s.size;
    }
    pending -= headRecords;
    empty = pending == 0;
    rewind();
    lastSyncMillis = nowMillis.getAsLong();
    if (pending > 0) {
      LOG.info("spool {}: {} records ({} bytes) to replay", options.dir(), pending, bytes);
    }
  }

  /** Validates every record of {@code segment}; cuts the file at the first bad one. */
  private void scan(Segment segment) throws IOException {
    long size = segment.channel.size();
    long pos = 0;
    int records = 0;
    while (pos < size) {
      long end = validRecordEnd(segment, pos, size);
      if (end < 0) break;
      pos = end;
      records++;
    }
    segment.size = pos;
    segment.records = records;
    if (pos < size) {
      segment.channel.truncate(pos);
      metrics.corrupt.increment();
      LOG.warn("spool {}: segment {} has a torn or corrupt tail at byte {} of {}: cut off",
          options.dir(), segment.id, pos, size);
    }
  }

  /** The end of the record at {@code pos} if it is whole and passes its CRC, else -1. */
  private long validRecordEnd(Segment segment, long pos, long size) throws IOException {
    if (size - pos < HEADER) return -1;
    header.clear();
    readFully(segment.channel, header, pos);
    int length = header.getInt(0);
    int expected = header.getInt(4);
    if (length < MIN_BODY || length > size - pos - HEADER) return -1;
    ByteBuffer body = body(length);
    readFully(segment.channel, body, pos + HEADER);
    crc.reset();
    crc.update(body.array(), 0, length);
    if ((int) crc.getValue() != expected) return -1;
    int flags = body.get(0);
    int topicLength = body.getShort(1) & 0xFFFF;
    if ((flags & 3) > 2 || (flags & ~7) != 0 || topicLength > length - MIN_BODY) return -1;
    return pos + HEADER + length;
  }

  private int recordsBefore(Segment segment, long offset) throws IOException {
    long pos = 0;
    int records = 0;
    while (pos < offset) {
      long end = validRecordEnd(segment, pos, segment.size);
      if (end < 0) return -1;
      pos = end;
      records++;
    }
    return pos == offset ? records : -1;
  }

  /** Whether every record was acknowledged (or dropped). A volatile read: no lock. */
  boolean isEmpty() {
    return empty;
  }

  synchronized long pendingRecords() {
    return pending;
  }

  synchronized long bytesOnDisk() {
    return bytes;
  }

  /** Times the data was forced to disk (tests check the fsync policy). */
  synchronized long syncs() {
    return syncs;
  }

  /**
   * Appends a record at the tail, dropping the oldest segments if the bound would be passed.
   *
   * @return false if the record alone is larger than half the bound (dropped, counted)
   */
  synchronized boolean append(String topic, byte[] payload, int length, int qos, boolean retain)
      throws IOException {
    ensureOpen();
    byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
    int bodyLength = MIN_BODY + topicBytes.length + length;
    long recordLength = HEADER + (long) bodyLength;
    if (recordLength > options.maxBytes() / 2 || topicBytes.length > 0xFFFF) {
      metrics.dropped.increment();
      LOG.warn("spool {}: dropped a {}-byte record for '{}': larger than half of maxBytes {}",
          options.dir(), recordLength, topic, options.maxBytes());
      return false;
    }
    Segment tail = segments.get(segments.size() - 1);
    if (tail.size > 0 && tail.size + recordLength > options.segmentBytes()) {
      tail = roll(tail);
    }
    while (bytes + recordLength > options.maxBytes() && segments.size() > 1) {
      dropOldest();
    }
    ByteBuffer out = body(HEADER + bodyLength);
    out.putInt(bodyLength).putInt(0).put((byte) (qos | (retain ? 4 : 0)))
        .putShort((short) topicBytes.length).put(topicBytes).put(payload, 0, length);
    crc.reset();
    crc.update(out.array(), HEADER, bodyLength);
    out.putInt(4, (int) crc.getValue());
    out.flip();
    long at = tail.size;
    while (out.hasRemaining()) {
      at += tail.channel.write(out, at);
    }
    tail.size += recordLength;
    tail.records++;
    bytes += recordLength;
    pending++;
    empty = false;
    metrics.spooled.increment();
    dirty = true;
    if (options.fsync() == FsyncPolicy.ALWAYS) {
      sync();
    } else {
      maybeSync();
    }
    return true;
  }

  /**
   * The record at the cursor, which then moves past it; null when the cursor is at the tail. The
   * record stays in the spool until {@link #acked}; {@link #rewind()} reads it again.
   */
  synchronized SpoolRecord next() throws IOException {
    if (closed) return null;
    while (true) {
      if (cursorOffset < cursorSegment.size) {
        long end = validRecordEnd(cursorSegment, cursorOffset, cursorSegment.size);
        if (end >= 0) break;
        cutAtCursor();
      }
      int index = segments.indexOf(cursorSegment);
      if (index == segments.size() - 1) return null;
      cursorSegment = segments.get(index + 1);
      cursorOffset = 0;
      cursorIndex = 0;
    }
    // validRecordEnd left the header and the body in their buffers.
    int length = header.getInt(0);
    ByteBuffer body = buffer;
    int flags = body.get(0);
    int topicLength = body.getShort(1) & 0xFFFF;
    String topic = new String(body.array(), MIN_BODY, topicLength, StandardCharsets.UTF_8);
    byte[] payload = new byte[length - MIN_BODY - topicLength];
    System.arraycopy(body.array(), MIN_BODY + topicLength, payload, 0, payload.length);
    long start = cursorOffset;
    long end = start + HEADER + length;
    SpoolRecord record = new SpoolRecord(topic, payload, flags & 3, (flags & 4) != 0, cursorSegment,
        start, end);
    unacked.addLast(record);
    cursorOffset = end;
    cursorIndex++;
    return record;
  }

  /** Puts back the record {@link #next()} just returned (it could not be sent now). */
  synchronized void unread(SpoolRecord record) {
    if (unacked.peekLast() != record) return; // dropped or rewound meanwhile
    unacked.removeLast();
    cursorSegment = record.segment;
    cursorOffset = record.start;
    cursorIndex--;
  }

  /** Moves the cursor back to the oldest unacknowledged record (after a lost connection). */
  synchronized void rewind() {
    unacked.clear();
    cursorSegment = segments.get(0);
    cursorOffset = headOffset;
    cursorIndex = headRecords;
  }

  /**
   * The broker acknowledged {@code record}: it and every acknowledged record before it leave the spool.
   * An acknowledgement for a record no longer tracked (rewound, dropped) changes nothing.
   *
   * @return how many records left the spool
   */
  synchronized int acked(SpoolRecord record) throws IOException {
    if (closed) return 0;
    record.acked = true;
    int left = 0;
    while (!unacked.isEmpty() && unacked.peekFirst().acked) {
      SpoolRecord first = unacked.pollFirst();
      while (segments.get(0) != first.segment && segments.size() > 1) {
        deleteHead(); // finished, kept only because it was the write segment then
      }
      headOffset = first.end;
      headRecords++;
      pending--;
      left++;
    }
    while (segments.size() > 1 && headOffset >= segments.get(0).size) {
      deleteHead();
    }
    if (left > 0) {
      empty = pending == 0;
      writeHead();
    }
    return left;
  }

  /** Forces pending writes to disk if the {@code INTERVAL} policy's time has come. */
  synchronized void tick() throws IOException {
    if (!closed) maybeSync();
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) return;
    try {
      writeHead();
      if (options.fsync() != FsyncPolicy.NEVER) sync();
      for (Segment s : segments) s.channel.close();
      headChannel.close();
    } finally {
      closed = true;
      lock.release();
      lockChannel.close();
    }
  }

  private Segment roll(Segment tail) throws IOException {
    if (options.fsync() != FsyncPolicy.NEVER) tail.channel.force(false);
    Segment next = Segment.open(options.dir(), tail.id + 1);
    segments.add(next);
    return next;
  }

  private void dropOldest() throws IOException {
    Segment oldest = segments.get(0);
    long lost = oldest.records - headRecords;
    pending -= lost;
    metrics.dropped.increment(lost);
    unacked.removeIf(r -> r.segment == oldest);
    LOG.warn("spool {}: full ({} bytes of {}): dropped the oldest segment, {} records unsent",
        options.dir(), bytes, options.maxBytes(), lost);
    deleteHead();
    writeHead();
  }

  private void deleteHead() throws IOException {
    Segment oldest = segments.remove(0);
    bytes -= oldest.size;
    headOffset = 0;
    headRecords = 0;
    if (cursorSegment == oldest) {
      cursorSegment = segments.get(0);
      cursorOffset = 0;
      cursorIndex = 0;
    }
    oldest.closeAndDelete();
  }

  /** The record at the cursor is bad (changed on disk since open): cut the segment there. */
  private void cutAtCursor() throws IOException {
    Segment s = cursorSegment;
    long lost = s.records - cursorIndex;
    LOG.warn("spool {}: segment {} is corrupt at byte {}: cut off, {} records lost", options.dir(), s.id,
        cursorOffset, lost);
    s.channel.truncate(cursorOffset);
    bytes -= s.size - cursorOffset;
    s.size = cursorOffset;
    s.records = cursorIndex;
    pending -= lost;
    empty = pending == 0;
    metrics.corrupt.increment();
  }

  private void writeHead() throws IOException {
    headBuffer.clear();
    headBuffer.putLong(segments.get(0).id).putLong(headOffset);
    crc.reset();
    crc.update(headBuffer.array(), 0, 16);
    headBuffer.putInt((int) crc.getValue()).flip();
    long at = 0;
    while (headBuffer.hasRemaining()) {
      at += headChannel.write(headBuffer, at);
    }
    dirty = true;
    if (options.fsync() == FsyncPolicy.ALWAYS) {
      sync();
    } else {
      maybeSync();
    }
  }

  private long[] readHead() throws IOException {
    if (headChannel.size() < 20) return null;
    headBuffer.clear();
    readFully(headChannel, headBuffer, 0);
    crc.reset();
    crc.update(headBuffer.array(), 0, 16);
    if ((int) crc.getValue() != headBuffer.getInt(16)) {
      LOG.warn("spool {}: {} is corrupt: replaying the first segment from its start", options.dir(), HEAD_FILE);
      return null;
    }
    return new long[] {headBuffer.getLong(0), headBuffer.getLong(8)};
  }

  private void maybeSync() throws IOException {
    if (options.fsync() == FsyncPolicy.INTERVAL && dirty
        && nowMillis.getAsLong() - lastSyncMillis >= options.fsyncInterval().toMillis()) {
      sync();
    }
  }

  private void sync() throws IOException {
    segments.get(segments.size() - 1).channel.force(false);
    headChannel.force(false);
    syncs++;
    dirty = false;
    lastSyncMillis = nowMillis.getAsLong();
  }

  /** The shared buffer, cleared, at least {@code length} bytes, limited to {@code length}. */
  private ByteBuffer body(int length) {
    if (buffer.capacity() < length) {
      buffer = ByteBuffer.allocate(Math.max(length, buffer.capacity() * 2));
    }
    buffer.clear().limit(length);
    return buffer;
  }

  private void ensureOpen() throws IOException {
    if (closed) throw new IOException("spool " + options.dir() + " is closed");
  }

  private static void readFully(FileChannel channel, ByteBuffer into, long pos) throws IOException {
    long at = pos;
    while (into.hasRemaining()) {
      int n = channel.read(into, at);
      if (n < 0) throw new EOFException("end of file at byte " + at);
      at += n;
    }
  }
}
