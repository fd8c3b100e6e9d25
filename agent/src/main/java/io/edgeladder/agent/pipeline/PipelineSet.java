package io.edgeladder.agent.pipeline;

import io.edgeladder.agent.ingest.Window;
import io.edgeladder.agent.schedule.ShedReason;
import io.edgeladder.agent.schedule.WindowProcessor;
import java.util.List;

/** All pipelines of an agent, indexed as their windows are ({@link Window#pipeline}). */
public final class PipelineSet implements WindowProcessor {
  private final Pipeline[] pipelines;

  PipelineSet(int count) {
    this.pipelines = new Pipeline[count];
  }

  /** Registers {@code p} at its index; all are registered before the scheduler starts. */
  void add(Pipeline p) {
    if (pipelines[p.index] != null) {
      throw new IllegalStateException("pipeline index " + p.index + " registered twice");
    }
    pipelines[p.index] = p;
  }

  @Override
  public void process(Window window, int worker, long startNanos) {
    pipelines[window.pipeline].process(window, worker, startNanos);
  }

  @Override
  public void shed(Window window, ShedReason reason) {
    pipelines[window.pipeline].shed(window, reason);
  }

  @Override
  public long predictedRunNanos(int pipeline) {
    return pipelines[pipeline].predictedRunNanos();
  }

  public List<Pipeline> all() {
    return List.of(pipelines);
  }
}
