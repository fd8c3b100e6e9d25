package io.edgeladder.controller.store.fleet;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Label keys and values: the characters a selector can name without quoting. */
final class Labels {
  static final Pattern KEY = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._/-]{0,126}[A-Za-z0-9])?");
  static final Pattern VALUE = Pattern.compile("[A-Za-z0-9._/:-]{0,256}");

  private Labels() {}

  static Map<String, String> check(Map<String, String> labels) {
    TreeMap<String, String> sorted = new TreeMap<>();
    labels.forEach((k, v) -> sorted.put(key(k), value(k, v)));
    return Collections.unmodifiableMap(sorted);
  }

  static String key(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "label key must be 1..128 of [A-Za-z0-9._/-], starting and ending alphanumeric, but was '"
              + key + "'");
    }
    return key;
  }

  static String value(String key, String value) {
    if (value == null || !VALUE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "label " + key + " value must be 0..256 of [A-Za-z0-9._/:-] but was '" + value + "'");
    }
    return value;
  }
}
