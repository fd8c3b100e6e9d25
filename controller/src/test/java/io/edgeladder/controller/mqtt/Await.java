package io.edgeladder.controller.mqtt;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes (no fixed sleeps in assertions). */
public final class Await {
  private Await() {}

  public static void until(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("not within " + timeout + ": " + what);
      LockSupport.parkNanos(5_000_000);
    }
  }
}
