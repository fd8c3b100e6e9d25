package io.edgeladder.agent.transport.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool on real files in a temporary folder. */
class SegmentSpoolTest {
  @TempDir Path dir;
  private final AtomicLong now = new AtomicLong();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SpoolMetrics metrics = new SpoolMetrics(registry);
  private final List<SegmentSpool> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws IOException {
    for (SegmentSpool s : open) s.close();
  }

  private SegmentSpool open(long maxBytes, FsyncPolicy fsync) throws IOException {
    SegmentSpool spool = SegmentSpool.open(
        new SpoolOptions(dir, maxBytes, fsync, Duration.ofSeconds(1), 1), now::get, metrics);
    open.add(spool);
    return spool;
  }

  private SegmentSpool open() throws IOException {
    return open(1 << 20, FsyncPolicy.NEVER);
  }

  private static void append(SegmentSpool spool, String topic, String payload) throws IOException {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    assertThat(spool.append(topic, bytes, bytes.length, 1, false)).isTrue();
  }

  private static String text(SpoolRecord r) {
    return r.topic + ' ' + new String(r.payload, StandardCharsets.UTF_8);
  }

  private static List<String> drain(SegmentSpool spool) throws IOException {
    List<String> out = new ArrayList<>();
    for (SpoolRecord r = spool.next(); r != null; r = spool.next()) {
      out.add(text(r));
      spool.acked(r);
    }
    return out;
  }

  private void reopen(SegmentSpool spool) throws IOException {
    spool.close();
    open.remove(spool);
  }

  @Test
  void next_appendedRecords_comeBackInOrderWithTopicQosAndRetain() throws IOException {
    SegmentSpool spool = open();
    append(spool, "a/1", "one");
    spool.append("b/2", "twoXX".getBytes(StandardCharsets.UTF_8), 3, 2, true);
    SpoolRecord first = spool.next();
    SpoolRecord second = spool.next();
    assertThat(text(first)).isEqualTo("a/1 one");
    assertThat(first.qos).isEqualTo(1);
    assertThat(first.retain).isFalse();
    assertThat(text(second)).isEqualTo("b/2 two");
    assertThat(second.qos).isEqualTo(2);
    assertThat(second.retain).isTrue();
    assertThat(spool.next()).isNull();
    assertThat(spool.isEmpty()).isFalse();
    assertThat(spool.pendingRecords()).isEqualTo(2);
  }

  @Test
  void acked_outOfOrder_recordsLeaveOnlyAsAContiguousPrefix() throws IOException {
    SegmentSpool spool = open();
    for (int i = 0; i < 3; i++) append(spool, "t", "m" + i);
    SpoolRecord r0 = spool.next();
    SpoolRecord r1 = spool.next();
    SpoolRecord r2 = spool.next();
    assertThat(spool.acked(r1)).isZero();
    assertThat(spool.pendingRecords()).isEqualTo(3);
    assertThat(spool.acked(r0)).isEqualTo(2);
    assertThat(spool.acked(r2)).isEqualTo(1);
    assertThat(spool.isEmpty()).isTrue();
  }

  @Test
  void rewind_afterLostConnection_readsFromOldestUnacknowledged() throws IOException {
    SegmentSpool spool = open();
    for (int i = 0; i < 4; i++) append(spool, "t", "m" + i);
    spool.acked(spool.next());
    spool.next();
    spool.next();
    spool.rewind();
    assertThat(drain(spool)).containsExactly("t m1", "t m2", "t m3");
  }

  @Test
  void unread_lastRecord_isReadAgainNext() throws IOException {
    SegmentSpool spool = open();
    append(spool, "t", "a");
    append(spool, "t", "b");
    SpoolRecord a = spool.next();
    spool.unread(a);
    assertThat(drain(spool)).containsExactly("t a", "t b");
  }

  @Test
  void open_afterRestart_replaysOnlyUnacknowledgedInOrder() throws IOException {
    SegmentSpool spool = open();
    for (int i = 0; i < 5; i++) append(spool, "t", "m" + i);
    spool.acked(spool.next());
    spool.acked(spool.next());
    spool.next(); // sent, never acknowledged: must come back
    reopen(spool);
    SegmentSpool again = open();
    assertThat(again.pendingRecords()).isEqualTo(3);
    assertThat(drain(again)).containsExactly("t m2", "t m3", "t m4");
    assertThat(metrics.corrupt.count()).isZero();
  }

  @Test
  void append_pastTheBound_dropsOldestSegmentsAndCountsThem() throws IOException {
    long max = 64 * 1024;
    SegmentSpool spool = open(max, FsyncPolicy.NEVER);
    String payload = "x".repeat(1000);
    int n = 200; // ~200 KB into a 64 KiB spool
    for (int i = 0; i < n; i++) append(spool, "t", i + ":" + payload);
    assertThat(spool.bytesOnDisk()).isLessThanOrEqualTo(max);
    assertThat(segmentBytesOnDisk()).isEqualTo(spool.bytesOnDisk());
    long dropped = (long) metrics.dropped.count();
    assertThat(dropped).isPositive();
    assertThat(spool.pendingRecords()).isEqualTo(n - dropped);
    List<String> left = drain(spool);
    assertThat(left).hasSize((int) (n - dropped));
    for (int i = 0; i < left.size(); i++) {
      assertThat(left.get(i)).startsWith("t " + (dropped + i) + ":"); // the newest, in order
    }
  }

  @Test
  void append_recordLargerThanHalfTheBound_isRefusedAndCounted() throws IOException {
    SegmentSpool spool = open(64 * 1024, FsyncPolicy.NEVER);
    byte[] big = new byte[40 * 1024];
    assertThat(spool.append("t", big, big.length, 1, false)).isFalse();
    assertThat(metrics.dropped.count()).isEqualTo(1);
    assertThat(spool.isEmpty()).isTrue();
  }

  @Test
  void open_tornTail_isCutOffCountedAndAppendsContinue() throws IOException {
    SegmentSpool spool = open();
    for (int i = 0; i < 10; i++) append(spool, "t", "m" + i);
    reopen(spool);
    Path segment = onlySegment();
    long size = Files.size(segment);
    try (var ch = java.nio.channels.FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.truncate(size - 3); // a crash in the middle of the last record
    }
    SegmentSpool again = open();
    assertThat(metrics.corrupt.count()).isEqualTo(1);
    assertThat(again.pendingRecords()).isEqualTo(9);
    append(again, "t", "after");
    List<String> all = drain(again);
    assertThat(all).hasSize(10).endsWith("t m8", "t after");
  }

  @Test
  void open_garbageAfterRecords_failsCrcAndIsCutOff() throws IOException {
    SegmentSpool spool = open();
    append(spool, "t", "good");
    reopen(spool);
    Path segment = onlySegment();
    long good = Files.size(segment);
    // A plausible length but a wrong CRC, as after a partial page write.
    Files.write(segment, new byte[] {0, 0, 0, 5, 1, 2, 3, 4, 1, 0, 0, 9, 9}, StandardOpenOption.APPEND);
    SegmentSpool again = open();
    assertThat(metrics.corrupt.count()).isEqualTo(1);
    assertThat(Files.size(segment)).isEqualTo(good);
    assertThat(drain(again)).containsExactly("t good");
  }

  @Test
  void open_corruptHeadFile_replaysFromTheStartInsteadOfFailing() throws IOException {
    SegmentSpool spool = open();
    append(spool, "t", "a");
    append(spool, "t", "b");
    spool.acked(spool.next());
    reopen(spool);
    Files.write(dir.resolve(SegmentSpool.HEAD_FILE), new byte[20]);
    assertThat(drain(open())).containsExactly("t a", "t b"); // a duplicate, never a loss
  }

  @Test
  void open_sameFolderTwice_failsNamingTheFolder() throws IOException {
    open();
    assertThatThrownBy(this::open).isInstanceOf(IOException.class)
        .hasMessageContaining(dir.toString()).hasMessageContaining("in use");
  }

  @Test
  void acked_everyRecordOfOldSegments_deletesTheirFiles() throws IOException {
    SegmentSpool spool = open(64 * 1024, FsyncPolicy.NEVER); // 16 KiB segments
    for (int i = 0; i < 40; i++) append(spool, "t", "y".repeat(1000));
    assertThat(segments()).hasSizeGreaterThan(2);
    drain(spool);
    assertThat(segments()).hasSize(1);
    assertThat(spool.isEmpty()).isTrue();
  }

  @Test
  void fsyncAlways_forcesOnEveryAppendAndAck() throws IOException {
    SegmentSpool spool = open(1 << 20, FsyncPolicy.ALWAYS);
    append(spool, "t", "a");
    append(spool, "t", "b");
    assertThat(spool.syncs()).isEqualTo(2);
    spool.acked(spool.next());
    assertThat(spool.syncs()).isEqualTo(3);
  }

  @Test
  void fsyncNever_neverForces() throws IOException {
    SegmentSpool spool = open(1 << 20, FsyncPolicy.NEVER);
    append(spool, "t", "a");
    spool.acked(spool.next());
    now.addAndGet(60_000);
    spool.tick();
    assertThat(spool.syncs()).isZero();
  }

  @Test
  void fsyncInterval_forcesOncePerIntervalAndOnTickWhenQuiet() throws IOException {
    SegmentSpool spool = open(1 << 20, FsyncPolicy.INTERVAL);
    append(spool, "t", "a");
    append(spool, "t", "b");
    assertThat(spool.syncs()).isZero();
    now.addAndGet(999);
    spool.tick();
    assertThat(spool.syncs()).isZero();
    now.addAndGet(1);
    append(spool, "t", "c");
    assertThat(spool.syncs()).isEqualTo(1);
    append(spool, "t", "d");
    assertThat(spool.syncs()).isEqualTo(1);
    now.addAndGet(1000);
    spool.tick(); // nothing else comes: the quiet tick still forces the last records
    assertThat(spool.syncs()).isEqualTo(2);
    spool.tick();
    assertThat(spool.syncs()).isEqualTo(2); // nothing new
  }

  private Path onlySegment() throws IOException {
    List<Path> all = segments();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(Segment.SUFFIX)).sorted().toList();
    }
  }

  private long segmentBytesOnDisk() throws IOException {
    long sum = 0;
    for (Path p : segments()) sum += Files.size(p);
    return sum;
  }
}
