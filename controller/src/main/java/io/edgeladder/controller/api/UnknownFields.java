package io.edgeladder.controller.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds a field a request body has and its record type does not, walking records and lists of records.
 * Runs before the records are built, because Jackson builds a record first and complains about unknown
 * fields after, so a misspelt field would otherwise be reported as the missing one it was meant to be.
 * Stateless.
 */
final class UnknownFields {
  private UnknownFields() {}

  /** The first unknown field as a JSON path with the known names, or {@code null}. */
  static String[] find(JsonNode node, Type type, String at) {
    Class<?> raw = raw(type);
    if (raw == null || node == null) return null;
    if (raw.isRecord() && node.isObject()) {
      Set<String> known = new TreeSet<>();
      for (RecordComponent c : raw.getRecordComponents()) known.add(c.getName());
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        String path = at.isEmpty() ? f.getKey() : at + "." + f.getKey();
        if (!known.contains(f.getKey())) return new String[] {path, known.toString()};
        for (RecordComponent c : raw.getRecordComponents()) {
          if (c.getName().equals(f.getKey())) {
            String[] inner = find(f.getValue(), c.getGenericType(), path);
            if (inner != null) return inner;
          }
        }
      }
    } else if (List.class.isAssignableFrom(raw) && node.isArray() && type instanceof ParameterizedType p) {
      for (int i = 0; i < node.size(); i++) {
        String[] inner = find(node.get(i), p.getActualTypeArguments()[0], at + "[" + i + "]");
        if (inner != null) return inner;
      }
    }
    return null;
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) return c;
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) return c;
    return null;
  }
}
