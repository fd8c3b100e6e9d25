package io.edgeladder.agent.ingest;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * A fixed set of {@link Window}s for one pipeline: the bound on memory held by queued windows. When it
 * is empty the ingest side drops the new window (counted as shed with reason {@code no-buffer}).
 *
 * <p>Thread-safe: acquired on the ingest thread, released on inference workers.
 */
public final class WindowPool {
  private final ArrayBlockingQueue<Window> free;
  private final int capacity;
  private final int floatsPerWindow;

  public WindowPool(int capacity, int floatsPerWindow) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("window pool capacity must be > 0 but was " + capacity);
    }
    if (floatsPerWindow <= 0) {
      throw new IllegalArgumentException("window pool floatsPerWindow must be > 0 but was " + floatsPerWindow);
    }
    this.capacity = capacity;
    this.floatsPerWindow = floatsPerWindow;
    this.free = new ArrayBlockingQueue<>(capacity);
    for (int i = 0; i < capacity; i++) {
      free.add(new Window(this, floatsPerWindow));
    }
  }

  /** A free window, or {@code null} when all are in use. */
  public Window acquire() {
    return free.poll();
  }

  void release(Window w) {
    if (!free.offer(w)) {
      throw new IllegalStateException("window released twice to a full pool");
    }
  }

  public int capacity() {
    return capacity;
  }

  /** Length of every window's {@link Window#data}. */
  public int floatsPerWindow() {
    return floatsPerWindow;
  }

  public int available() {
    return free.size();
  }
}
