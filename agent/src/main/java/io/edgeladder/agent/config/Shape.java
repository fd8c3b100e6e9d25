package io.edgeladder.agent.config;

import java.util.Map;

/** The shape of a YAML node the loader expects: used for unknown-key checks and env override lookup. */
sealed interface Shape permits Shape.Obj, Shape.ListOf, Shape.Scalar {

  /** A mapping with a fixed set of keys, in documentation order. */
  record Obj(Map<String, Shape> fields) implements Shape {
    public Obj {
      fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }
  }

  /** A sequence whose elements all share one shape. */
  record ListOf(Shape element) implements Shape {}

  /** A scalar value. */
  enum Scalar implements Shape { STRING, INT, BOOL, NUMBER }
}
