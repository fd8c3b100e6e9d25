package io.edgeladder.agent.schedule;

import io.edgeladder.agent.ingest.Window;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded earliest-deadline-first queue of windows: a binary min-heap on {@link Window#deadlineNanos}
 * over a fixed array, so offering and taking never allocate.
 *
 * <p>When full, the window with the latest deadline is evicted (it is the one most likely to be served
 * late anyway) and handed back to the caller to shed. Thread-safe: guarded by {@code lock}.
 */
public final class EdfQueue {
  private final Window[] heap;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private int size;

  public EdfQueue(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("inference.queueCapacity must be > 0 but was " + capacity);
    }
    heap = new Window[capacity];
  }

  /**
   * Adds {@code w}.
   *
   * @return {@code null} when added without eviction; otherwise the evicted window (possibly {@code w}
   *     itself), which the caller must shed
   */
  public Window offer(Window w) {
    lock.lock();
    try {
      Window evicted = null;
      if (size == heap.length) {
        int latest = indexOfLatest();
        if (!before(w, heap[latest])) {
          return w;
        }
        evicted = heap[latest];
        removeAt(latest);
      }
      heap[size] = w;
      siftUp(size++);
      notEmpty.signal();
      return evicted;
    } finally {
      lock.unlock();
    }
  }

  /** The window with the earliest deadline, waiting up to {@code timeout}; {@code null} on time-out. */
  public Window poll(long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = unit.toNanos(timeout);
    lock.lockInterruptibly();
    try {
      while (size == 0) {
        if (nanos <= 0) {
          return null;
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      Window head = heap[0];
      removeAt(0);
      return head;
    } finally {
      lock.unlock();
    }
  }

  /** The window with the earliest deadline, or {@code null} when empty; never waits. */
  public Window poll() {
    lock.lock();
    try {
      if (size == 0) {
        return null;
      }
      Window head = heap[0];
      removeAt(0);
      return head;
    } finally {
      lock.unlock();
    }
  }

  public int size() {
    lock.lock();
    try {
      return size;
    } finally {
      lock.unlock();
    }
  }

  public int capacity() {
    return heap.length;
  }

  /** Monotonic close time of the longest-waiting window, or {@code Long.MAX_VALUE} when empty. */
  public long oldestClosedNanos() {
    lock.lock();
    try {
      long oldest = Long.MAX_VALUE;
      for (int i = 0; i < size; i++) {
        oldest = Math.min(oldest, heap[i].closedNanos);
      }
      return oldest;
    } finally {
      lock.unlock();
    }
  }

  /**
   * EDF order: earlier deadline first; equal deadlines (windows cut from one message) in sequence order,
   * so one worker publishes a pipeline's results in order.
   */
  private static boolean before(Window a, Window b) {
    return a.deadlineNanos < b.deadlineNanos || (a.deadlineNanos == b.deadlineNanos && a.seq < b.seq);
  }

  private int indexOfLatest() {
    // The maximum of a min-heap is among the leaves.
    int latest = size / 2;
    for (int i = latest + 1; i < size; i++) {
      if (before(heap[latest], heap[i])) {
        latest = i;
      }
    }
    return latest;
  }

  private void removeAt(int i) {
    size--;
    if (i == size) {
      heap[size] = null;
      return;
    }
    heap[i] = heap[size];
    heap[size] = null;
    siftDown(i);
    siftUp(i);
  }

  private void siftUp(int i) {
    Window w = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(w, heap[parent])) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = w;
  }

  private void siftDown(int i) {
    Window w = heap[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && before(heap[right], heap[child])) {
        child = right;
      }
      if (!before(heap[child], w)) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = w;
  }
}
