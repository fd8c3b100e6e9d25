package io.edgeladder.agent.monitor.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Harvested power over time (e.g. a solar panel), linearly interpolated between points and repeated
 * with the trace's length as its period (a one-day trace gives every day). Immutable.
 */
public final class HarvestTrace {
  private final double[] t;
  private final double[] watts;

  private HarvestTrace(double[] t, double[] watts) {
    this.t = t;
    this.watts = watts;
  }

  /** No harvest at all: a battery that only drains. */
  public static HarvestTrace none() {
    return new HarvestTrace(new double[] {0, 1}, new double[] {0, 0});
  }

  /**
   * Points {@code (seconds, watts)}: times strictly increasing from 0, watts >= 0, at least two points.
   *
   * @throws IllegalArgumentException naming the first bad point
   */
  public static HarvestTrace of(double[] seconds, double[] watts) {
    if (seconds.length != watts.length || seconds.length < 2) {
      throw new IllegalArgumentException("harvest trace needs >= 2 points with a time and a power each but had "
          + seconds.length + " times and " + watts.length + " powers");
    }
    if (seconds[0] != 0) throw new IllegalArgumentException("harvest trace must start at t=0 but starts at " + seconds[0]);
    for (int i = 0; i < seconds.length; i++) {
      if (i > 0 && !(seconds[i] > seconds[i - 1])) {
        throw new IllegalArgumentException("harvest trace times must increase but point " + i + " is at "
            + seconds[i] + " after " + seconds[i - 1]);
      }
      if (!(watts[i] >= 0) || Double.isInfinite(watts[i])) {
        throw new IllegalArgumentException("harvest trace point " + i + " must have watts >= 0 but had " + watts[i]);
      }
    }
    return new HarvestTrace(seconds.clone(), watts.clone());
  }

  /**
   * Reads a CSV of {@code t_seconds,harvest_watts} lines; a header line and {@code #} comments are skipped.
   *
   * @throws IllegalArgumentException naming the file and line of a bad value
   */
  public static HarvestTrace fromCsv(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || (points.isEmpty() && Character.isLetter(line.charAt(0)))) continue;
      String[] f = line.split(",");
      try {
        if (f.length != 2) throw new NumberFormatException("expected 2 fields but found " + f.length);
        points.add(new double[] {Double.parseDouble(f[0].strip()), Double.parseDouble(f[1].strip())});
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(csv + " line " + (i + 1) + ": '" + line + "' is not t_seconds,harvest_watts");
      }
    }
    double[] t = points.stream().mapToDouble(p -> p[0]).toArray();
    double[] w = points.stream().mapToDouble(p -> p[1]).toArray();
    try {
      return of(t, w);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(csv + ": " + e.getMessage());
    }
  }

  /**
   * A generated solar day: a half-sine from sunrise to sunset (the middle half of the period), dark at
   * night, with seeded passing clouds that cut the output by up to {@code cloudiness} (0..1).
   *
   * @param periodSeconds a whole day; shorter for demos (e.g. 600 s)
   */
  public static HarvestTrace diurnal(double peakWatts, double periodSeconds, double cloudiness, long seed) {
    if (!(peakWatts >= 0) || !(periodSeconds > 0) || !(cloudiness >= 0 && cloudiness <= 1)) {
      throw new IllegalArgumentException("diurnal harvest needs peakWatts >= 0, periodSeconds > 0, cloudiness in "
          + "0..1 but got " + peakWatts + ", " + periodSeconds + ", " + cloudiness);
    }
    int steps = 288; // five-minute steps over a real day
    Random random = new Random(seed);
    double[] t = new double[steps + 1];
    double[] w = new double[steps + 1];
    double cloud = 0;
    for (int i = 0; i <= steps; i++) {
      double phase = (double) i / steps; // 0 = midnight
      t[i] = phase * periodSeconds;
      double sun = phase < 0.25 || phase > 0.75 ? 0 : Math.sin((phase - 0.25) * 2 * Math.PI);
      cloud = 0.8 * cloud + 0.2 * random.nextDouble(); // clouds drift rather than flicker
      w[i] = Math.max(0, peakWatts * sun * (1 - cloudiness * cloud));
    }
    w[steps] = w[0]; // the period closes on itself
    return new HarvestTrace(t, w);
  }

  /** Harvested watts at {@code seconds} since the trace started (repeats after its last point). */
  public double wattsAt(double seconds) {
    double period = t[t.length - 1];
    double x = seconds % period;
    if (x < 0) x += period;
    int i = Arrays.binarySearch(t, x);
    if (i >= 0) return watts[i];
    int hi = -i - 1;
    int lo = hi - 1;
    double f = (x - t[lo]) / (t[hi] - t[lo]);
    return watts[lo] + f * (watts[hi] - watts[lo]);
  }

  /** Length of one period in seconds. */
  public double periodSeconds() {
    return t[t.length - 1];
  }
}
