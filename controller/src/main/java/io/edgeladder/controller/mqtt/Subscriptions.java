package io.edgeladder.controller.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The filters {@link ControllerMqtt} subscribed to and their handlers: routes an arriving message to every
 * handler whose filter matches, and lists the filters to restore after a reconnect. Thread-safe
 * (copy-on-write: subscriptions are few and change rarely, routing is lock-free).
 */
final class Subscriptions {
  /** One remembered subscription. */
  record Entry(String filter, int qos, MessageHandler handler) {}

  private final List<Entry> entries = new CopyOnWriteArrayList<>();

  void add(Entry e) {
    entries.add(e);
  }

  void remove(Entry e) {
    entries.remove(e);
  }

  List<Entry> all() {
    return List.copyOf(entries);
  }

  /** Handlers of every filter matching {@code topic}. */
  List<MessageHandler> handlers(String topic) {
    List<MessageHandler> out = new ArrayList<>(1);
    for (Entry e : entries) {
      if (matches(e.filter(), topic)) out.add(e.handler());
    }
    return out;
  }

  /**
   * MQTT filter matching: {@code +} is one whole level, a trailing {@code #} any number of levels (also
   * none); topics starting with {@code $} only match filters that name the {@code $} level.
   */
  static boolean matches(String filter, String topic) {
    if (topic.startsWith("$") && !filter.startsWith("$")) return false;
    int f = 0;
    int t = 0;
    while (true) {
      int fEnd = levelEnd(filter, f);
      String level = filter.substring(f, fEnd);
      if (level.equals("#")) return true;
      if (t > topic.length()) return false;
      int tEnd = levelEnd(topic, t);
      if (!level.equals("+") && !level.equals(topic.substring(t, tEnd))) return false;
      boolean filterDone = fEnd == filter.length();
      boolean topicDone = tEnd == topic.length();
      if (filterDone) return topicDone;
      if (topicDone) {
        // "a/#" matches "a": the only way to go on is a final "#"
        return filter.substring(fEnd + 1).equals("#");
      }
      f = fEnd + 1;
      t = tEnd + 1;
    }
  }

  private static int levelEnd(String s, int from) {
    int slash = s.indexOf('/', from);
    return slash < 0 ? s.length() : slash;
  }
}
