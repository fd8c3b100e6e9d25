package io.edgeladder.controller.api;

/**
 * A response other than "200 with this object as JSON": another status, a {@code Location}, or a body that
 * is not JSON. Immutable.
 *
 * @param body a value written as JSON, or a {@code String} written as is when {@code contentType} is set
 * @param contentType {@code null} for JSON
 * @param location the {@code Location} header, {@code null} for none
 */
record Reply(int status, Object body, String contentType, String location) {
  static Reply json(int status, Object body) {
    return new Reply(status, body, null, null);
  }

  static Reply created(Object body, String location) {
    return new Reply(201, body, null, location);
  }

  static Reply text(int status, String body, String contentType) {
    return new Reply(status, body, contentType, null);
  }
}
