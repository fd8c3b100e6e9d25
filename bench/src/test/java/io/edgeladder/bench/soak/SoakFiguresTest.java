package io.edgeladder.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class SoakFiguresTest {
  @Test
  void slope_exactLine_itsGradient() {
    List<double[]> points = List.of(new double[] {0, 100}, new double[] {0.5, 103}, new double[] {1, 106},
        new double[] {2, 112});
    assertThat(SoakReport.slope(points)).isCloseTo(6.0, within(1e-9));
    assertThat(SoakReport.slope(List.of(new double[] {1, 1}))).isNaN();
  }

  @Test
  void slopePerHour_minuteIntervalsGrowingOneMbEach_sixtyMbPerHourAndLastOverFirst() {
    List<IntervalFigures> iv = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      iv.add(interval(i, 60, 100 + i, 2.0));
    }
    assertThat(SoakReport.slopePerHour(iv, IntervalFigures::rssMb)).isCloseTo(60.0, within(1e-6));
    assertThat(SoakReport.slopePerHour(iv, f -> f.e2e().p99Ms())).isCloseTo(0.0, within(1e-9));
    assertThat(SoakReport.lastOverFirst(iv, IntervalFigures::rssMb)).isCloseTo(1.09, within(1e-9));
  }

  @Test
  void duration_humanForms_parsed() {
    assertThat(DurationConverter.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(DurationConverter.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(DurationConverter.parse("60s")).isEqualTo(Duration.ofSeconds(60));
    assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationConverter.parse("90")).isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(() -> DurationConverter.parse("2 hours")).isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("'2 hours' is not a duration");
    assertThatThrownBy(() -> DurationConverter.parse("")).isInstanceOf(TypeConversionException.class);
    assertThat(DurationConverter.format(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(DurationConverter.format(Duration.ofMinutes(90).plusSeconds(5))).isEqualTo("1h30m5s");
    assertThat(DurationConverter.format(Duration.ofMillis(10_500))).isEqualTo("10.5s");
    assertThat(DurationConverter.format(Duration.ZERO)).isEqualTo("0s");
  }

  static IntervalFigures interval(int index, double seconds, double rssMb, double p99Ms) {
    GcLog.Figures gc = new GcLog.Figures(0, LogHistogram.Pcts.EMPTY, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, 0, 0);
    return new IntervalFigures(index, index * seconds, seconds, new SeqTracker.Tally(0, 0, 0, 0, 0, 0, 0, 0),
        new LogHistogram.Pcts(1, p99Ms, p99Ms, p99Ms, p99Ms, p99Ms), rssMb, rssMb, 0, gc, null, 0,
        new SwapEvents.Counts(0, 0, 0, 0), 0, "0 0 0");
  }
}
