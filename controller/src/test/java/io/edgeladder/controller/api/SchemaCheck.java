package io.edgeladder.controller.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates JSON against the schemas of {@code openapi.yaml}: the OpenAPI 3.0 subset the document uses
 * ({@code $ref}, {@code allOf}, {@code nullable}, {@code type}, {@code properties}, {@code required},
 * {@code additionalProperties}, {@code items}, {@code enum}, {@code minimum}, {@code maximum},
 * {@code minItems}, {@code pattern}). A keyword it does not know fails the check, so the document cannot
 * drift into what this checker silently ignores.
 */
final class SchemaCheck {
  private static final List<String> KNOWN = List.of("$ref", "allOf", "nullable", "type", "properties", "required",
      "additionalProperties", "items", "enum", "minimum", "maximum", "minItems", "pattern", "description", "format",
      "default", "example");

  final JsonNode doc;

  SchemaCheck() throws IOException {
    doc = new YAMLMapper().readTree(OpsApi.openApiText());
  }

  JsonNode schema(String name) {
    JsonNode s = doc.at("/components/schemas/" + name);
    if (s.isMissingNode()) throw new AssertionError("openapi.yaml has no schema " + name);
    return s;
  }

  /** Problems of {@code value} against the named component schema; empty when it conforms. */
  List<String> validate(String schemaName, JsonNode value) {
    List<String> problems = new ArrayList<>();
    check(schema(schemaName), value, "$", problems);
    return problems;
  }

  List<String> validate(JsonNode schema, JsonNode value) {
    List<String> problems = new ArrayList<>();
    check(schema, value, "$", problems);
    return problems;
  }

  /** Keywords this checker does not know, anywhere in the component schemas (each would go unchecked). */
  List<String> unknownKeywords() {
    List<String> out = new ArrayList<>();
    doc.at("/components/schemas").fields().forEachRemaining(e -> keywords(e.getValue(), e.getKey(), out));
    return out;
  }

  private static void keywords(JsonNode s, String at, List<String> out) {
    if (!s.isObject()) return;
    s.fieldNames().forEachRemaining(k -> {
      if (!KNOWN.contains(k)) out.add(at + ": " + k);
    });
    s.path("properties").fields().forEachRemaining(e -> keywords(e.getValue(), at + "." + e.getKey(), out));
    keywords(s.path("items"), at + "[]", out);
    keywords(s.path("additionalProperties"), at + ".*", out);
    for (JsonNode part : s.path("allOf")) keywords(part, at + "/allOf", out);
  }

  private void check(JsonNode s, JsonNode v, String at, List<String> out) {
    for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KNOWN.contains(k)) out.add(at + ": schema keyword " + k + " is not checked");
    }
    if (s.has("$ref")) {
      check(doc.at(s.get("$ref").asText().substring(1)), v, at, out);
      return;
    }
    if (v == null || v.isNull()) {
      if (!s.path("nullable").asBoolean(false)) out.add(at + ": null but not nullable");
      return;
    }
    for (JsonNode part : s.path("allOf")) check(part, v, at, out);
    String type = s.path("type").asText("");
    if (!type.isEmpty() && !typeMatches(type, v)) {
      out.add(at + ": expected " + type + " but was " + v.getNodeType());
      return;
    }
    if (s.has("enum")) {
      boolean found = false;
      for (JsonNode e : s.get("enum")) found |= e.equals(v);
      if (!found) out.add(at + ": " + v + " is not one of " + s.get("enum"));
    }
    if (s.has("minimum") && v.isNumber() && v.asDouble() < s.get("minimum").asDouble()) out.add(at + ": below minimum");
    if (s.has("maximum") && v.isNumber() && v.asDouble() > s.get("maximum").asDouble()) out.add(at + ": above maximum");
    if (s.has("pattern") && v.isTextual() && !Pattern.compile(s.get("pattern").asText()).matcher(v.asText()).find()) {
      out.add(at + ": '" + v.asText() + "' does not match " + s.get("pattern").asText());
    }
    if (v.isArray()) {
      if (s.has("minItems") && v.size() < s.get("minItems").asInt()) out.add(at + ": fewer than minItems");
      for (int i = 0; i < v.size(); i++) {
        if (s.has("items")) check(s.get("items"), v.get(i), at + "[" + i + "]", out);
      }
    }
    if (v.isObject()) object(s, v, at, out);
  }

  private void object(JsonNode s, JsonNode v, String at, List<String> out) {
    for (JsonNode r : s.path("required")) {
      if (!v.has(r.asText())) out.add(at + "." + r.asText() + ": required but absent");
    }
    JsonNode props = s.path("properties");
    JsonNode extra = s.get("additionalProperties");
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (props.has(f.getKey())) {
        check(props.get(f.getKey()), f.getValue(), at + "." + f.getKey(), out);
      } else if (extra != null && extra.isObject()) {
        check(extra, f.getValue(), at + "." + f.getKey(), out);
      } else if (extra != null && !extra.asBoolean(true)) {
        out.add(at + "." + f.getKey() + ": not in the schema");
      }
    }
  }

  private static boolean typeMatches(String type, JsonNode v) {
    switch (type) {
      case "object":
        return v.isObject();
      case "array":
        return v.isArray();
      case "string":
        return v.isTextual();
      case "integer":
        return v.isIntegralNumber();
      case "number":
        return v.isNumber();
      case "boolean":
        return v.isBoolean();
      default:
        return false;
    }
  }
}
