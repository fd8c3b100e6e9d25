package io.edgeladder.controller.api;

/**
 * A request the API refuses: the HTTP status, a machine-readable {@link #reason()} (the {@code error} of the
 * JSON body and the {@code reason} tag of {@code api.rejected}), the request field at fault (a JSON path
 * like {@code pipelines[0].bounds.pinned}, a path or query parameter name, or {@code null}) and a message
 * for people. Bad input: no stack trace.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String reason;
  private final String field;

  ApiException(int status, String reason, String field, String message) {
    super(message, null, false, false);
    this.status = status;
    this.reason = reason;
    this.field = field;
  }

  static ApiException badRequest(String reason, String field, String message) {
    return new ApiException(400, reason, field, message);
  }

  static ApiException notFound(String field, String message) {
    return new ApiException(404, "not_found", field, message);
  }

  static ApiException conflict(String reason, String message) {
    return new ApiException(409, reason, null, message);
  }

  int status() {
    return status;
  }

  String reason() {
    return reason;
  }

  String field() {
    return field;
  }
}
