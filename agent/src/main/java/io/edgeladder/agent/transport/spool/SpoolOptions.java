package io.edgeladder.agent.transport.spool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the on-disk spool (the agent's {@code spool:} section).
 *
 * @param dir the spool's own folder (created if missing; one agent per folder, enforced by a lock)
 * @param maxBytes bound of the segment files together; when a record would pass it, the oldest segment
 *     is dropped (counted as {@code edge.spool.dropped}); at least {@value #MIN_MAX_BYTES}
 * @param fsync when writes are forced to the disk
 * @param fsyncInterval the interval of {@link FsyncPolicy#INTERVAL}
 * @param minQos publishes with this QoS or above go through the spool when they cannot be delivered
 *     (1: results and events; 0: telemetry too)
 */
public record SpoolOptions(Path dir, long maxBytes, FsyncPolicy fsync, Duration fsyncInterval, int minQos) {
  public static final long MIN_MAX_BYTES = 64 * 1024;
  public static final long DEFAULT_MAX_BYTES = 64L << 20;
  public static final Duration DEFAULT_FSYNC_INTERVAL = Duration.ofSeconds(1);

  public SpoolOptions {
    List<String> problems = new ArrayList<>();
    if (dir == null) problems.add("spool.dir must be set");
    if (maxBytes < MIN_MAX_BYTES) {
      problems.add("spool.maxBytes must be >= " + MIN_MAX_BYTES + " but was " + maxBytes);
    }
    Objects.requireNonNull(fsync, "spool.fsync");
    if (fsyncInterval == null || fsyncInterval.isNegative() || fsyncInterval.isZero()) {
      problems.add("spool.fsyncIntervalMs must be > 0 but was " + fsyncInterval);
    }
    if (minQos < 0 || minQos > 2) problems.add("spool.minQos must be 0, 1 or 2 but was " + minQos);
    if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
  }

  /** 64 MiB, fsync every second, QoS 1 and 2. */
  public static SpoolOptions of(Path dir) {
    return new SpoolOptions(dir, DEFAULT_MAX_BYTES, FsyncPolicy.INTERVAL, DEFAULT_FSYNC_INTERVAL, 1);
  }

  /** Segments roll at an eighth of the bound, so dropping the oldest frees at most that much. */
  long segmentBytes() {
    return Math.max(16 * 1024, maxBytes / 8);
  }
}
