package io.edgeladder.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerTest {
  // 256 frames at 10 kHz: one message every 25.6 ms.
  private static final double PERIOD = Pacer.periodNanos(256, 10_000, 1);
  private static final long START = 1_000_000_000L;

  @Test
  void periodNanos_realTimeAndMultiplied() {
    assertThat(PERIOD).isEqualTo(25_600_000.0);
    assertThat(Pacer.periodNanos(256, 10_000, 4)).isEqualTo(6_400_000.0);
    assertThat(Pacer.periodNanos(256, 10_000, Double.POSITIVE_INFINITY)).isZero();
  }

  @Test
  void waitNanos_onSchedule_waitsUntilDue() {
    Pacer p = new Pacer(START, PERIOD);
    assertThat(p.waitNanos(0, START)).isZero();
    assertThat(p.waitNanos(1, START + 1_000)).isEqualTo(25_600_000 - 1_000);
    assertThat(p.waitNanos(10, START + 100_000_000)).isEqualTo(156_000_000);
  }

  @Test
  void waitNanos_lateSends_noDrift() {
    Pacer p = new Pacer(START, PERIOD);
    // Message 1 went out 5 ms late; message 2 is still due at start + 2 periods, not late + 1 period.
    long sentLate = START + 25_600_000 + 5_000_000;
    assertThat(p.waitNanos(2, sentLate)).isEqualTo(2 * 25_600_000 - 25_600_000 - 5_000_000);
    assertThat(p.dueNanos(1000)).isEqualTo(START + 25_600_000_000L);
  }

  @Test
  void waitNanos_farBehind_catchesUpWithoutWaiting() {
    Pacer p = new Pacer(START, PERIOD);
    long now = START + 1_000_000_000L; // stalled for a second: ~39 messages overdue
    int dueNow = 0;
    for (long n = 0; n < 100 && p.waitNanos(n, now) == 0; n++) {
      dueNow++;
    }
    assertThat(dueNow).isEqualTo(40); // messages 0..39 are due at or before start + 1 s
    assertThat(p.lagNanos(0, now)).isEqualTo(1_000_000_000L);
    assertThat(p.lagNanos(40, now)).isZero();
  }

  @Test
  void waitNanos_unpaced_neverWaits() {
    Pacer p = new Pacer(START, 0);
    assertThat(p.waitNanos(1_000_000, START)).isZero();
  }
}
