package io.edgeladder.simulator;

/** Time as the simulator sees it: monotonic nanoseconds for pacing, wall milliseconds for timestamps. */
public interface SimClock {
  long nanoTime();

  long epochMillis();

  static SimClock system() {
    return new SimClock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public long epochMillis() {
        return System.currentTimeMillis();
      }
    };
  }
}
