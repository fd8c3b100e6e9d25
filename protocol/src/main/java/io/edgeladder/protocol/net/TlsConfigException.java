package io.edgeladder.protocol.net;

/**
 * A TLS file that cannot be used: missing, unreadable, not PEM, the wrong kind of block, or a key that does
 * not match its certificate. The message names the configuration key and the file, never file contents.
 */
public final class TlsConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public TlsConfigException(String message) {
    super(message);
  }

  public TlsConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
