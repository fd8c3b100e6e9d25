package io.edgeladder.protocol;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The JSON codec of the fleet and distribution messages: UTF-8, unknown fields ignored, instants as
 * ISO-8601 strings, a number field that is absent or {@code null} rejected, nulls written (so every field is
 * always present).
 * Decoding failures become a {@link ProtocolException} naming the message type and the field's JSON path.
 *
 * <p>Thread-safe (one shared, immutable mapper). Cold-path messages only: the inference results keep
 * their allocation-free writer.
 */
public final class ProtocolJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      // a signed release is exact bytes: the same record must write the same bytes in every JVM
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private ProtocolJson() {}

  /** The message as compact JSON. */
  public static byte[] write(Object message) {
    try {
      return MAPPER.writeValueAsBytes(message);
    } catch (JsonProcessingException e) {
      // records of strings, numbers, lists and instants: only a bug gets here
      throw new IllegalStateException("cannot write " + message.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /**
   * Decodes and validates one message.
   *
   * @throws ProtocolException when the payload is not JSON, has a wrongly typed field or a field the record
   *     rejects; the message reads {@code "invalid Heartbeat at pipelines[1].missRate: ..."}
   */
  public static <T> T read(byte[] payload, Class<T> type) throws ProtocolException {
    String name = type.getSimpleName();
    if (payload == null || payload.length == 0) {
      throw new ProtocolException(name, "", "invalid " + name + ": empty payload", null);
    }
    try {
      T value = MAPPER.readValue(payload, type);
      if (value == null) throw new ProtocolException(name, "", "invalid " + name + ": payload is JSON null", null);
      return value;
    } catch (JsonMappingException e) {
      String field = path(e);
      Throwable root = rootCause(e);
      String problem;
      if (root instanceof InvalidFieldException ife) {
        field = field.isEmpty() ? ife.field() : field + "." + ife.field();
        problem = ife.getMessage();
      } else if (root instanceof IllegalArgumentException) {
        problem = root.getMessage();
      } else if (e.getOriginalMessage().startsWith("Cannot map `null` into type")) {
        problem = "is missing or null (a number is required)"; // FAIL_ON_NULL_FOR_PRIMITIVES, absent or null
      } else {
        problem = e.getOriginalMessage();
      }
      String at = field.isEmpty() ? "" : " at " + field;
      throw new ProtocolException(name, field, "invalid " + name + at + ": " + problem, e);
    } catch (JacksonException e) {
      throw new ProtocolException(name, "", "invalid " + name + ": not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ProtocolException(name, "", "invalid " + name + ": " + e.getMessage(), e);
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

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t;
  }
}
