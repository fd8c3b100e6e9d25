package io.edgeladder.protocol;

/**
 * The MQTT topic tree shared by agents, the controller and applications.
 *
 * <ul>
 *   <li>{@code inference/{agent}/{pipeline}}: one {@link InferenceResult} per window.</li>
 *   <li>{@code fleet/{agent}/status}: retained; {@code online} or {@code offline} (the will message).</li>
 *   <li>{@code fleet/{agent}/events}: {@link AgentEvent}s (shed windows, decode errors, swaps).</li>
 *   <li>{@code fleet/{agent}/telemetry}: periodic resource and pipeline figures.</li>
 * </ul>
 *
 * <p>Agent and pipeline ids are single topic levels: non-empty, without {@code /}, {@code +}, {@code #}
 * or NUL, at most 64 characters.
 */
public final class Topics {
  public static final String INFERENCE_ROOT = "inference";
  public static final String FLEET_ROOT = "fleet";

  private Topics() {}

  public static String inference(String agent, String pipeline) {
    return INFERENCE_ROOT + '/' + level("agent", agent) + '/' + level("pipeline", pipeline);
  }

  /** Filter matching every pipeline's results of every agent. */
  public static String allInference() {
    return INFERENCE_ROOT + "/#";
  }

  public static String status(String agent) {
    return FLEET_ROOT + '/' + level("agent", agent) + "/status";
  }

  public static String events(String agent) {
    return FLEET_ROOT + '/' + level("agent", agent) + "/events";
  }

  public static String telemetry(String agent) {
    return FLEET_ROOT + '/' + level("agent", agent) + "/telemetry";
  }

  /**
   * Checks that {@code value} can stand as one topic level.
   *
   * @param what the name used in the error message, e.g. {@code "agent"}
   * @return value
   * @throws IllegalArgumentException naming what was wrong
   */
  public static String level(String what, String value) {
    String problem = levelProblem(value);
    if (problem != null) {
      throw new IllegalArgumentException(what + " id " + problem);
    }
    return value;
  }

  /** Returns why {@code value} cannot be a topic level, or {@code null} if it can. */
  public static String levelProblem(String value) {
    if (value == null || value.isEmpty()) {
      return "must not be empty";
    }
    if (value.length() > 64) {
      return "must be at most 64 characters but was " + value.length();
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '/' || c == '+' || c == '#' || c == 0) {
        return "must not contain '/', '+', '#' or NUL but was '" + value + "'";
      }
    }
    return null;
  }
}
