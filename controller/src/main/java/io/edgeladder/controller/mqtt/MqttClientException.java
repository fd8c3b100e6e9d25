package io.edgeladder.controller.mqtt;

/** A connect, subscribe or publish of {@link ControllerMqtt} failed; the message names the topic and the broker. */
public final class MqttClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MqttClientException(String message) {
    super(message);
  }

  public MqttClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
