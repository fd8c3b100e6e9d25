package io.edgeladder.controller.mqtt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counters of one {@link ControllerMqtt}, tagged with its client id. */
record MqttMeters(
    Counter received, Counter published, Counter publishFailures, Counter handlerErrors, Counter connectionLost) {

  static MqttMeters of(MeterRegistry r, String clientId) {
    return new MqttMeters(
        counter(r, "edgeladder.controller.mqtt.received", "messages delivered to handlers", clientId),
        counter(r, "edgeladder.controller.mqtt.published", "publishes acknowledged", clientId),
        counter(r, "edgeladder.controller.mqtt.publish.failures", "publishes refused or failed", clientId),
        counter(r, "edgeladder.controller.mqtt.handler.errors", "handlers that threw", clientId),
        counter(r, "edgeladder.controller.mqtt.connection.lost", "connections dropped", clientId));
  }

  private static Counter counter(MeterRegistry r, String name, String description, String clientId) {
    return Counter.builder(name).description(description).tag("client", clientId).register(r);
  }
}
