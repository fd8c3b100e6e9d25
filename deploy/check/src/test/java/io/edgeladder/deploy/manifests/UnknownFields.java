package io.edgeladder.deploy.manifests;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;

/**
 * Finds fields a typed Kubernetes object did not know. fabric8's model classes keep unknown properties in
 * an {@code additionalProperties} map instead of failing, so a misspelt {@code httpGett} would parse; this
 * walks the object and reports each such property with its path ({@code spec.template.spec.containers[0]
 * .livenessProbe.httpGett}).
 */
final class UnknownFields {
  private UnknownFields() {}

  static void collect(Object value, String path, List<String> out) {
    if (value == null) return;
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) collect(list.get(i), path + "[" + i + "]", out);
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> collect(v, join(path, String.valueOf(k)), out));
      return;
    }
    if (!value.getClass().getName().startsWith("io.fabric8.")) return; // strings, numbers, enums
    for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers())) continue;
        Object fieldValue = read(f, value);
        if (f.getName().equals("additionalProperties")) {
          if (fieldValue instanceof Map<?, ?> extra) {
            extra.keySet().forEach(k -> out.add(join(path, String.valueOf(k))));
          }
          continue;
        }
        JsonProperty json = f.getAnnotation(JsonProperty.class);
        collect(fieldValue, join(path, json != null && !json.value().isEmpty() ? json.value() : f.getName()), out);
      }
    }
  }

  private static Object read(Field f, Object owner) {
    try {
      f.setAccessible(true);
      return f.get(owner);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot read " + f + ": " + e.getMessage(), e);
    }
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
