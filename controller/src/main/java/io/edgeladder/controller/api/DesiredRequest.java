package io.edgeladder.controller.api;

import io.edgeladder.protocol.InvalidFieldException;
import io.edgeladder.protocol.fleet.PipelineDesired;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Body of {@code PUT /agents/{id}/desired} and {@code PUT /desired}: the pipelines the agents should run,
 * each {@code {name, model, releaseSha, bounds: {allowed, pinned, minAccuracy}}} as in the fleet protocol's
 * {@code DesiredState}. At least one pipeline, names unique.
 */
record DesiredRequest(List<PipelineDesired> pipelines) {
  private static final String R = "DesiredRequest";

  DesiredRequest {
    if (pipelines == null) throw new InvalidFieldException(R, "pipelines", "is missing");
    if (pipelines.isEmpty()) throw new InvalidFieldException(R, "pipelines", "must list at least one pipeline");
    Set<String> names = new HashSet<>();
    for (int i = 0; i < pipelines.size(); i++) {
      PipelineDesired p = pipelines.get(i);
      if (p == null) throw new InvalidFieldException(R, "pipelines[" + i + "]", "is missing");
      if (!names.add(p.name())) {
        throw new InvalidFieldException(R, "pipelines[" + i + "].name", "repeats pipeline " + p.name());
      }
    }
    pipelines = List.copyOf(pipelines);
  }
}
