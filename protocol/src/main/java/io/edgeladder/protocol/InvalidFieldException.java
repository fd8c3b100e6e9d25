package io.edgeladder.protocol;

/**
 * A record constructor's rejection of one field. The message reads {@code "Record.field <problem>"};
 * {@link #field()} is the field name alone, so a decoder can prefix the JSON path of the record.
 */
public final class InvalidFieldException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidFieldException(String record, String field, String problem) {
    super(record + "." + field + " " + problem);
    this.field = field;
  }

  /** The field name within its record, e.g. {@code missRate}. */
  public String field() {
    return field;
  }
}
