package io.edgeladder.controller.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.edgeladder.protocol.InvalidFieldException;
import java.io.IOException;

/**
 * JSON for the API: request bodies are read strictly (not JSON, an unknown field, a wrong type or a missing
 * number is an error naming the field's JSON path), responses are written with ISO-8601 instants. Thread-safe (one
 * immutable mapper).
 */
final class RequestJson {
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .build();

  private RequestJson() {}

  /**
   * Reads a request body.
   *
   * @throws ApiException 400: {@code missing_body}, {@code bad_json}, {@code unknown_field},
   *     {@code missing_field} or {@code invalid_field}, naming the field
   */
  static <T> T read(byte[] body, Class<T> type) {
    if (body == null || body.length == 0) {
      throw ApiException.badRequest("missing_body", null, "the request needs a JSON body");
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(body);
    } catch (IOException e) {
      String why = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
      throw ApiException.badRequest("bad_json", null, "the body is not JSON: " + why);
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw ApiException.badRequest("missing_body", null, "the body is empty or JSON null");
    }
    String[] unknown = UnknownFields.find(tree, type, "");
    if (unknown != null) {
      throw ApiException.badRequest("unknown_field", unknown[0], "unknown field " + unknown[0] + " (known there: "
          + unknown[1] + ")");
    }
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (UnrecognizedPropertyException e) {
      String field = path(e);
      throw ApiException.badRequest("unknown_field", field, "unknown field " + field + " (known: "
          + e.getKnownPropertyIds() + ")");
    } catch (JsonMappingException e) {
      String field = path(e);
      Throwable root = rootCause(e);
      if (root instanceof InvalidFieldException ife) {
        field = field.isEmpty() ? ife.field() : field + "." + ife.field();
        String m = ife.getMessage();
        String reason = m.endsWith("is missing") || m.endsWith("must not be empty") ? "missing_field" : "invalid_field";
        throw ApiException.badRequest(reason, field, field + ": " + ife.getMessage());
      }
      if (root instanceof IllegalArgumentException) {
        throw ApiException.badRequest("invalid_field", orNull(field), at(field) + root.getMessage());
      }
      if (e.getOriginalMessage().startsWith("Cannot map `null` into type")) {
        throw ApiException.badRequest("missing_field", field, field + " is missing or null (a number is required)");
      }
      throw ApiException.badRequest("invalid_field", orNull(field), at(field) + e.getOriginalMessage());
    } catch (JacksonException e) {
      throw ApiException.badRequest("bad_json", null, "the body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("bad_json", null, "the body cannot be read: " + e.getMessage());
    }
  }

  /** The value as JSON bytes. */
  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) sb.append('.');
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String orNull(String field) {
    return field.isEmpty() ? null : field;
  }

  private static String at(String field) {
    return field.isEmpty() ? "" : field + ": ";
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t;
  }
}
