package io.edgeladder.protocol;

import java.util.Optional;

/**
 * A parsed {@code fleet/{agent}/{kind}} topic, for the controller's router: one subscription per kind
 * filter ({@link Topics#all(Kind)}), one dispatch on {@link #kind()}.
 *
 * @param agent the agent id (a valid topic level)
 * @param kind which message the topic carries
 */
public record FleetTopic(String agent, Kind kind) {

  /** The last level of a fleet topic and the message it carries. */
  public enum Kind {
    /** {@code online} / {@code offline}, retained; offline is the MQTT will. */
    STATUS("status"),
    /** {@code AgentBirth}, retained. */
    BIRTH("birth"),
    /** {@code Heartbeat}. */
    HEARTBEAT("heartbeat"),
    /** Resource samples. */
    TELEMETRY("telemetry"),
    /** {@code AgentEvent}s. */
    EVENTS("events"),
    /** {@code ReportedState}, retained. */
    REPORTED("reported"),
    /** {@code DesiredState}, retained, written by the controller. */
    DESIRED("desired");

    private final String level;

    Kind(String level) {
      this.level = level;
    }

    /** The topic level, e.g. {@code heartbeat}. */
    public String level() {
      return level;
    }

    /** The kind whose level is {@code level}, or empty. */
    public static Optional<Kind> ofLevel(String level) {
      for (Kind k : values()) {
        if (k.level.equals(level)) return Optional.of(k);
      }
      return Optional.empty();
    }
  }

  public FleetTopic {
    Topics.level("agent", agent);
    if (kind == null) throw new IllegalArgumentException("fleet topic kind is missing");
  }

  /** The topic string, e.g. {@code fleet/gw-1/heartbeat}. */
  public String topic() {
    return Topics.fleet(agent, kind);
  }

  /**
   * Parses {@code fleet/{agent}/{kind}}.
   *
   * @return empty for anything else: another root, a wrong number of levels, an unknown kind, a bad agent id
   */
  public static Optional<FleetTopic> parse(String topic) {
    if (topic == null || !topic.startsWith(Topics.FLEET_ROOT + '/')) return Optional.empty();
    int start = Topics.FLEET_ROOT.length() + 1;
    int slash = topic.indexOf('/', start);
    if (slash < 0 || topic.indexOf('/', slash + 1) >= 0) return Optional.empty();
    String agent = topic.substring(start, slash);
    if (Topics.levelProblem(agent) != null) return Optional.empty();
    return Kind.ofLevel(topic.substring(slash + 1)).map(k -> new FleetTopic(agent, k));
  }
}
