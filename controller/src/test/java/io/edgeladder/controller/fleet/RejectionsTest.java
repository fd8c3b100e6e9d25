package io.edgeladder.controller.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RejectionsTest {
  /** A clock the test moves by hand. */
  private static final class StepClock extends Clock {
    private Instant now = Instant.parse("2026-11-24T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final StepClock clock = new StepClock();
  private final Rejections rejections = new Rejections(meters, clock, LoggerFactory.getLogger(RejectionsTest.class));

  @Test
  void reject_countsEveryOne_logsOncePerAgentPerMinute() {
    assertThat(rejections.reject("gw-1", "fleet/gw-1/birth", RejectReason.SPOOFED, "x")).isTrue();
    assertThat(rejections.reject("gw-1", "fleet/gw-1/heartbeat", RejectReason.MALFORMED, "y")).isFalse();
    assertThat(rejections.reject("gw-2", "fleet/gw-2/birth", RejectReason.SPOOFED, "z")).as("other agent").isTrue();
    clock.advance(Duration.ofSeconds(59));
    assertThat(rejections.reject("gw-1", "fleet/gw-1/birth", RejectReason.SPOOFED, "x")).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(rejections.reject("gw-1", "fleet/gw-1/birth", RejectReason.SPOOFED, "x")).isTrue();

    assertThat(rejections.count(RejectReason.SPOOFED)).isEqualTo(4);
    assertThat(rejections.count(RejectReason.MALFORMED)).isEqualTo(1);
    assertThat(meters.get("edgeladder.fleet.rejected").tag("reason", "spoofed").counter().count()).isEqualTo(4);
    assertThat(meters.get("edgeladder.fleet.rejected").tag("reason", "overloaded").counter().count()).isZero();
  }
}
