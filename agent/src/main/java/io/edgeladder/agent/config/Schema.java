package io.edgeladder.agent.config;

import static io.edgeladder.agent.config.Shape.Scalar.BOOL;
import static io.edgeladder.agent.config.Shape.Scalar.INT;
import static io.edgeladder.agent.config.Shape.Scalar.NUMBER;
import static io.edgeladder.agent.config.Shape.Scalar.STRING;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every key {@code agent.yaml} may hold. The single list the unknown-key check and the environment
 * override lookup walk; {@link Section} refuses to read a key that is not listed here, so the binder
 * and this schema cannot drift apart unnoticed.
 */
final class Schema {
  static final Shape.Obj PIPELINE = obj(
      "name", STRING,
      "topic", STRING,
      "format", STRING,
      "channels", new Shape.ListOf(STRING),
      "unit", STRING,
      "sampleRateHz", INT,
      "model", STRING,
      "windowSize", INT,
      "hop", INT,
      "deadlineMs", INT,
      "maxPayloadBytes", INT,
      "ladder", STRING);

  static final Shape.Obj ROOT = obj(
      "agent", obj("id", STRING),
      "broker", obj(
          "url", STRING,
          "clientId", STRING,
          "username", STRING,
          "password", STRING,
          "passwordFile", STRING,
          "tls", obj(
              "caFile", STRING,
              "certFile", STRING,
              "keyFile", STRING,
              "verifyHostname", BOOL),
          "keepAliveSeconds", INT,
          "resultQos", INT,
          "sessionExpirySeconds", INT),
      "http", obj("host", STRING, "port", INT),
      "inference", obj(
          "workers", INT,
          "queueCapacity", INT,
          "intraOpThreads", INT,
          "interOpThreads", INT,
          "spinning", BOOL,
          "optimization", STRING),
      "pipelines", new Shape.ListOf(PIPELINE),
      "monitor", obj(
          "enabled", BOOL,
          "periodMs", INT,
          "telemetryPeriodMs", INT,
          "root", STRING,
          "power", obj(
              "source", STRING,
              "batteryWh", NUMBER,
              "initialSoc", NUMBER,
              "idleWatts", NUMBER,
              "wattsPerCore", NUMBER,
              "harvestTrace", STRING,
              "harvestPeakWatts", NUMBER,
              "harvestPeriodSeconds", NUMBER,
              "seed", INT)),
      "adaptive", obj(
          "enabled", BOOL,
          "periodMs", INT,
          "holdDownMs", INT,
          "deadlineMargin", NUMBER,
          "probationMs", INT,
          "maxMissRate", NUMBER,
          "minAccuracy", NUMBER,
          "pinned", STRING,
          "allowed", new Shape.ListOf(STRING),
          "stateDir", STRING,
          "energyBudgetWatts", NUMBER,
          "energyFloor", NUMBER,
          "maxCpuUtilization", NUMBER,
          "profileRefresh", obj(
              "enabled", BOOL,
              "loadDeltaCores", NUMBER,
              "samples", INT,
              "minIntervalMs", INT)),
      "control", obj(
          "enabled", BOOL,
          "heartbeatMs", INT,
          "publicKey", STRING,
          "cacheMaxBytes", INT,
          "stateDir", STRING,
          "labels", new Shape.ListOf(STRING),
          "chunkRetryMs", INT,
          "applyTimeoutMs", INT),
      "spool", obj(
          "dir", STRING,
          "maxBytes", INT,
          "fsync", STRING,
          "fsyncIntervalMs", INT,
          "minQos", INT));

  private Schema() {}

  private static Shape.Obj obj(Object... keysAndShapes) {
    Map<String, Shape> fields = new LinkedHashMap<>();
    for (int i = 0; i < keysAndShapes.length; i += 2) {
      fields.put((String) keysAndShapes[i], (Shape) keysAndShapes[i + 1]);
    }
    return new Shape.Obj(fields);
  }

  /** {@code intraOpThreads} becomes {@code INTRA_OP_THREADS}. */
  static String upperSnake(String camel) {
    StringBuilder sb = new StringBuilder(camel.length() + 4);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c) && i > 0) sb.append('_');
      sb.append(Character.toUpperCase(c));
    }
    return sb.toString();
  }
}
