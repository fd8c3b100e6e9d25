package io.edgeladder.agent.transport.paho;

/**
 * An MQTT topic filter, parsed once so that matching a topic allocates nothing.
 *
 * <p>{@code +} matches exactly one level, a trailing {@code #} matches the parent level and any
 * number of levels below it. Filters starting with a wildcard do not match topics starting with
 * {@code $} (MQTT 5, 4.7.2).
 */
final class TopicFilter {
  private static final String SINGLE = "+";
  private static final String MULTI = "#";

  private final String filter;
  private final String[] levels;
  private final boolean startsWithWildcard;

  private TopicFilter(String filter, String[] levels) {
    this.filter = filter;
    this.levels = levels;
    this.startsWithWildcard = levels[0].equals(SINGLE) || levels[0].equals(MULTI);
  }

  /**
   * Parses {@code filter}.
   *
   * @throws IllegalArgumentException naming the filter and what is wrong with it
   */
  static TopicFilter parse(String filter) {
    if (filter == null || filter.isEmpty()) {
      throw new IllegalArgumentException("topic filter must not be empty");
    }
    String[] levels = filter.split("/", -1);
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      if (level.contains(MULTI) && (!level.equals(MULTI) || i != levels.length - 1)) {
        throw new IllegalArgumentException(
            "topic filter '" + filter + "': '#' must be a whole level and the last one");
      }
      if (level.contains(SINGLE) && !level.equals(SINGLE)) {
        throw new IllegalArgumentException(
            "topic filter '" + filter + "': '+' must be a whole level");
      }
      if (level.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("topic filter '" + filter + "' must not contain NUL");
      }
    }
    return new TopicFilter(filter, levels);
  }

  String filter() {
    return filter;
  }

  /** Whether {@code topic} (a concrete topic name, no wildcards) matches this filter. */
  boolean matches(String topic) {
    if (startsWithWildcard && !topic.isEmpty() && topic.charAt(0) == '$') {
      return false;
    }
    int position = 0; // start of the current topic level
    int topicLength = topic.length();
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      if (level.equals(MULTI)) {
        return true;
      }
      if (position > topicLength) {
        // The topic has fewer levels than the filter (a trailing "#" returned above already).
        return false;
      }
      int end = topic.indexOf('/', position);
      if (end < 0) {
        end = topicLength;
      }
      if (!level.equals(SINGLE)
          && (end - position != level.length() || !topic.regionMatches(position, level, 0, end - position))) {
        return false;
      }
      position = end + 1;
    }
    return position == topicLength + 1;
  }

  @Override
  public String toString() {
    return filter;
  }
}
