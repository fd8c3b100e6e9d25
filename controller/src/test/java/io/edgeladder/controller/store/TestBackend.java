package io.edgeladder.controller.store;

/** The two databases every repository test runs against. */
public enum TestBackend {
  H2,
  POSTGRESQL
}
