package io.edgeladder.protocol;

/**
 * The MQTT topic tree shared by agents, the controller and applications (see {@code docs/fleet-protocol.md}
 * and {@code asyncapi.yaml} beside these classes).
 *
 * <ul>
 *   <li>{@code inference/{agent}/{pipeline}}: one {@link InferenceResult} per window.</li>
 *   <li>{@code fleet/{agent}/status}: retained; {@code online} or {@code offline} (the will message).</li>
 *   <li>{@code fleet/{agent}/birth}: retained {@code AgentBirth}, once per connection.</li>
 *   <li>{@code fleet/{agent}/heartbeat}: {@code Heartbeat} with pipeline KPIs.</li>
 *   <li>{@code fleet/{agent}/events}: {@link AgentEvent}s (shed windows, decode errors, swaps, installs).</li>
 *   <li>{@code fleet/{agent}/telemetry}: periodic resource and pipeline figures.</li>
 *   <li>{@code fleet/{agent}/reported}: retained {@code ReportedState}.</li>
 *   <li>{@code fleet/{agent}/desired}: retained {@code DesiredState}, from the controller.</li>
 *   <li>{@code models/{releaseSha}/manifest}: retained {@code SignedRelease}.</li>
 *   <li>{@code artifacts/{sha256}/{index}}: retained raw chunk bytes.</li>
 * </ul>
 *
 * <p>Agent and pipeline ids are single topic levels: non-empty, without {@code /}, {@code +}, {@code #}
 * or NUL, at most 64 characters. Sha levels are 64 lower-case hex digits. Every method throws
 * {@link IllegalArgumentException} naming the bad level.
 */
public final class Topics {
  public static final String INFERENCE_ROOT = "inference";
  public static final String FLEET_ROOT = "fleet";
  public static final String MODELS_ROOT = "models";
  public static final String ARTIFACTS_ROOT = "artifacts";

  private Topics() {}

  public static String inference(String agent, String pipeline) {
    return INFERENCE_ROOT + '/' + level("agent", agent) + '/' + level("pipeline", pipeline);
  }

  /** Filter matching every pipeline's results of every agent. */
  public static String allInference() {
    return INFERENCE_ROOT + "/#";
  }

  /** {@code fleet/{agent}/{kind}}. */
  public static String fleet(String agent, FleetTopic.Kind kind) {
    return FLEET_ROOT + '/' + level("agent", agent) + '/' + kind.level();
  }

  /** Filter {@code fleet/+/{kind}}: that kind of message from every agent. */
  public static String all(FleetTopic.Kind kind) {
    return FLEET_ROOT + "/+/" + kind.level();
  }

  public static String status(String agent) {
    return fleet(agent, FleetTopic.Kind.STATUS);
  }

  public static String birth(String agent) {
    return fleet(agent, FleetTopic.Kind.BIRTH);
  }

  public static String heartbeat(String agent) {
    return fleet(agent, FleetTopic.Kind.HEARTBEAT);
  }

  public static String events(String agent) {
    return fleet(agent, FleetTopic.Kind.EVENTS);
  }

  public static String telemetry(String agent) {
    return fleet(agent, FleetTopic.Kind.TELEMETRY);
  }

  public static String reported(String agent) {
    return fleet(agent, FleetTopic.Kind.REPORTED);
  }

  public static String desired(String agent) {
    return fleet(agent, FleetTopic.Kind.DESIRED);
  }

  public static String allStatuses() {
    return all(FleetTopic.Kind.STATUS);
  }

  public static String allBirths() {
    return all(FleetTopic.Kind.BIRTH);
  }

  public static String allHeartbeats() {
    return all(FleetTopic.Kind.HEARTBEAT);
  }

  public static String allEvents() {
    return all(FleetTopic.Kind.EVENTS);
  }

  public static String allTelemetry() {
    return all(FleetTopic.Kind.TELEMETRY);
  }

  public static String allReported() {
    return all(FleetTopic.Kind.REPORTED);
  }

  /** {@code models/{releaseSha}/manifest}: the retained {@code SignedRelease} whose payload hashes to releaseSha. */
  public static String releaseManifest(String releaseSha) {
    return MODELS_ROOT + '/' + sha("release", releaseSha) + "/manifest";
  }

  /** {@code artifacts/{sha256}/{index}}: one retained chunk, index 0-based decimal. */
  public static String artifactChunk(String sha256, int index) {
    if (index < 0) throw new IllegalArgumentException("chunk index must be >= 0 but was " + index);
    return ARTIFACTS_ROOT + '/' + sha("artifact", sha256) + '/' + index;
  }

  /** Filter {@code artifacts/{sha256}/+}: every chunk of one artifact. */
  public static String artifactChunks(String sha256) {
    return ARTIFACTS_ROOT + '/' + sha("artifact", sha256) + "/+";
  }

  /**
   * Checks that {@code value} is a sha256 level (64 lower-case hex digits).
   *
   * @param what the name used in the error message, e.g. {@code "release"}
   * @return value
   */
  public static String sha(String what, String value) {
    if (!Fields.isSha256(value)) {
      throw new IllegalArgumentException(what + " sha256 must be 64 lower-case hex digits but was " + value);
    }
    return value;
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
