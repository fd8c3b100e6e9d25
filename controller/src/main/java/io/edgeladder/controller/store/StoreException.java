package io.edgeladder.controller.store;

/**
 * A database operation failed (connection lost, constraint the caller could not foresee, migration
 * refused). The message names the operation and the row it was about; the cause is the driver's
 * {@link java.sql.SQLException} when there is one.
 */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
