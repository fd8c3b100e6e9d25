package io.edgeladder.controller.desired;

import java.util.Locale;

/** Why a desired state was not issued; {@link #tag()} is the tag of {@code edgeladder.desired.rejected}. */
public enum Rejection {
  /** No birth on record for the agent: its pipelines are unknown. */
  UNKNOWN_AGENT,
  /** The agent announced no pipeline of that name. */
  UNKNOWN_PIPELINE,
  /** The pipeline (or the release) is of another model. */
  MODEL_MISMATCH,
  /** The release sha is not in the model registry. */
  UNKNOWN_RELEASE,
  /** A pinned or allowed variant id is not an accepted rung of the release's ladder. */
  UNKNOWN_VARIANT;

  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
