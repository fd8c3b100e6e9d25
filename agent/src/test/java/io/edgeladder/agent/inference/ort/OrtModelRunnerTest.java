package io.edgeladder.agent.inference.ort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.edgeladder.agent.inference.InferenceException;
import io.edgeladder.agent.inference.LoadedModel;
import io.edgeladder.agent.inference.ModelRunner;
import io.edgeladder.agent.inference.RunnerOptions;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class OrtModelRunnerTest {
  private LoadedModel model;
  private Fixtures.Golden golden;

  @BeforeEach
  void load() throws Exception {
    model = OrtModelLoader.of().load(Fixtures.model("tiny-conv"), RunnerOptions.ofDefaults());
    golden = Fixtures.Golden.load();
  }

  @AfterEach
  void close() {
    model.close();
  }

  @Test
  void run_goldenInput_matchesPythonOrtWithin1e5() throws Exception {
    assertThat(golden.inputShape()).containsExactly(model.signature().inputShape());
    assertThat(golden.outputShape()).containsExactly(model.signature().outputShape());
    float[] out = new float[5];
    try (ModelRunner runner = model.newRunner()) {
      runner.run(golden.input(), out);
    }
    for (int i = 0; i < out.length; i++) {
      assertThat(out[i]).as("logit %d", i).isCloseTo(golden.output()[i], within(1e-5f));
    }
  }

  @Test
  void run_repeated_givesIdenticalOutputs() throws Exception {
    float[] first = new float[5];
    float[] again = new float[5];
    try (ModelRunner runner = model.newRunner()) {
      runner.run(golden.input(), first);
      for (int i = 0; i < 50; i++) {
        runner.run(golden.input(), again);
        assertThat(again).containsExactly(first);
      }
    }
  }

  @Test
  void run_afterResultClosed_pinnedOutputStillWritten() throws Exception {
    // Every run closes ORT's Result; if that closed the pinned output, the second run would fail or
    // leave the first run's values behind.
    float[] other = randomInput(7);
    float[] a = new float[5];
    float[] b = new float[5];
    float[] c = new float[5];
    try (ModelRunner runner = model.newRunner()) {
      runner.run(golden.input(), a);
      runner.run(other, b);
      runner.run(golden.input(), c);
    }
    assertThat(b).isNotEqualTo(a);
    assertThat(c).containsExactly(a);
  }

  @Test
  @Timeout(30)
  void run_twoRunnersOnTwoThreads_giveIndependentCorrectOutputs() throws Exception {
    float[][] inputs = {golden.input(), randomInput(11)};
    float[][] expected = new float[2][5];
    try (ModelRunner reference = model.newRunner()) {
      for (int i = 0; i < 2; i++) reference.run(inputs[i], expected[i]);
    }
    assertThat(expected[1]).isNotEqualTo(expected[0]);

    CountDownLatch start = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread[] threads = new Thread[2];
    for (int t = 0; t < 2; t++) {
      int me = t;
      threads[t] = new Thread(() -> {
        float[] out = new float[5];
        try (ModelRunner runner = model.newRunner()) {
          start.await();
          for (int i = 0; i < 500; i++) {
            runner.run(inputs[me], out);
            assertThat(out).as("thread %d run %d", me, i).containsExactly(expected[me]);
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }, "runner-" + t);
      threads[t].start();
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(25));
      assertThat(thread.isAlive()).as("%s still running", thread.getName()).isFalse();
    }
    assertThat(failure.get()).isNull();
  }

  @Test
  void run_wrongInputLength_throwsIllegalArgument() {
    try (ModelRunner runner = model.newRunner()) {
      assertThatThrownBy(() -> runner.run(new float[3071], new float[5]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("tiny-conv.onnx: input length must be 3072 but was 3071");
      assertThatThrownBy(() -> runner.run(new float[3072], new float[4]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("output length must be 5 but was 4");
    }
  }

  @Test
  void run_afterModelClosed_throwsInferenceException() {
    ModelRunner runner = model.newRunner();
    model.close();
    assertThatThrownBy(() -> runner.run(golden.input(), new float[5]))
        .isInstanceOf(InferenceException.class)
        .hasMessageContaining("tiny-conv.onnx: run failed");
    runner.close();
  }

  @Test
  void run_afterRunnerClosed_throwsIllegalState() {
    ModelRunner runner = model.newRunner();
    runner.close();
    runner.close(); // idempotent
    assertThatThrownBy(() -> runner.run(golden.input(), new float[5]))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is closed");
  }

  @Test
  void newRunner_afterModelClosed_throwsIllegalState() {
    model.close();
    model.close(); // idempotent
    assertThatThrownBy(model::newRunner)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tiny-conv.onnx is closed");
  }

  static float[] randomInput(long seed) {
    Random random = new Random(seed);
    float[] input = new float[3072];
    for (int i = 0; i < input.length; i++) input[i] = (float) random.nextGaussian();
    return input;
  }
}
