package io.edgeladder.agent.inference.ort;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.agent.inference.LoadedModel;
import io.edgeladder.agent.inference.ModelRunner;
import io.edgeladder.agent.inference.RunnerOptions;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Heap allocated by one {@code run} in steady state, counted (not timed) with HotSpot's per-thread
 * allocation counter.
 */
class RunAllocationTest {
  /**
   * Measured 504 bytes/run (ORT Java 1.29.0, JDK 17, ZGC, tiny-conv). A bare {@code OrtSession.run}
   * over the same pinned tensors measures 480-500 bytes/run, so that is all ORT's: its per-call name and
   * handle arrays, the OnnxValue[] from the native call and the Result with its list and map. Our side
   * (buffers, tensors, reused maps) adds nothing per run; {@code singletonMap} beat {@code HashMap} (544)
   * and {@code Map.of} (608) because ORT iterates the maps every call. The bound leaves headroom for JIT
   * differences, not for a buffer: one input-sized copy would be 12 kB.
   */
  static final long MAX_BYTES_PER_RUN = 1024;

  private static final int WARM_UP = 5_000;
  private static final int MEASURED = 2_000;

  @Test
  void run_steadyState_allocatesLessThanBound() throws Exception {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long me = Thread.currentThread().getId();
    float[] input = OrtModelRunnerTest.randomInput(3);
    float[] output = new float[5];
    try (LoadedModel model = OrtModelLoader.of().load(Fixtures.model("tiny-conv"), RunnerOptions.ofDefaults());
        ModelRunner runner = model.newRunner()) {
      for (int i = 0; i < WARM_UP; i++) runner.run(input, output); // let the JIT settle
      long before = threads.getThreadAllocatedBytes(me);
      for (int i = 0; i < MEASURED; i++) runner.run(input, output);
      long perRun = (threads.getThreadAllocatedBytes(me) - before) / MEASURED;
      System.out.printf("RunAllocationTest: %d bytes allocated per run%n", perRun);
      assertThat(perRun).isLessThanOrEqualTo(MAX_BYTES_PER_RUN);
    }
  }
}
