package io.edgeladder.controller.mqtt;

import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;

/**
 * Paho's callbacks for one {@link ControllerMqtt}. Every method runs on a Paho thread and never throws: an
 * exception escaping {@code messageArrived} would shut the client down.
 */
final class MqttCallbacks implements MqttCallback {
  /** MQTT 5 reason codes from 0x80 up are failures (SUBACK, PUBACK). */
  private static final int FIRST_FAILURE = 0x80;

  private final ControllerMqtt owner;
  private final Subscriptions subscriptions;
  private final MqttMeters meters;
  private final Logger log;

  final MqttActionListener connectListener = new MqttActionListener() {
    @Override
    public void onSuccess(IMqttToken token) {
      // connectComplete follows
    }

    @Override
    public void onFailure(IMqttToken token, Throwable error) {
      owner.retryLater("connect failed: " + reason(error));
    }
  };

  MqttCallbacks(ControllerMqtt owner, Subscriptions subscriptions, MqttMeters meters, Logger log) {
    this.owner = owner;
    this.subscriptions = subscriptions;
    this.meters = meters;
    this.log = log;
  }

  /** Completes the token's {@code CompletableFuture<Void>} user context, failing on a failure reason code. */
  MqttActionListener ackListener(String what) {
    return new MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        int[] codes = token.getReasonCodes();
        if (codes != null) {
          for (int code : codes) {
            if (code >= FIRST_FAILURE) {
              fail(token, new MqttClientException(owner.describe() + ": broker refused " + what
                  + " with reason code 0x" + Integer.toHexString(code)));
              return;
            }
          }
        }
        if (what.startsWith("publish")) meters.published().increment();
        future(token).complete(null);
      }

      @Override
      public void onFailure(IMqttToken token, Throwable error) {
        fail(token, new MqttClientException(owner.describe() + ": " + what + " failed: " + reason(error), error));
      }

      private void fail(IMqttToken token, MqttClientException e) {
        if (what.startsWith("publish")) meters.publishFailures().increment();
        future(token).completeExceptionally(e);
      }
    };
  }

  void publishFailed() {
    meters.publishFailures().increment();
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    try {
      byte[] payload = message.getPayload();
      boolean retained = message.isRetained();
      for (MessageHandler h : subscriptions.handlers(topic)) {
        meters.received().increment();
        try {
          h.onMessage(topic, payload.clone(), retained);
        } catch (RuntimeException e) {
          meters.handlerErrors().increment();
          log.warn("{}: handler failed on {}: {}", owner.describe(), topic, e.toString());
        }
      }
    } catch (Throwable e) { // NOPMD: never let anything reach Paho
      log.error("{}: dropping a message on {}", owner.describe(), topic, e);
    }
  }

  @Override
  public void connectComplete(boolean reconnect, String serverUri) {
    try {
      owner.connected();
    } catch (RuntimeException e) {
      log.error("{}: after connecting", owner.describe(), e);
    }
  }

  @Override
  public void disconnected(MqttDisconnectResponse response) {
    meters.connectionLost().increment();
    Throwable cause = response.getException();
    owner.retryLater("connection lost (" + (cause != null ? reason(cause) : "reason code "
        + response.getReturnCode()) + ")");
  }

  @Override
  public void mqttErrorOccurred(MqttException exception) {
    log.warn("{}: {}", owner.describe(), reason(exception));
  }

  @Override
  public void deliveryComplete(IMqttToken token) {
    // publish outcomes go through ackListener
  }

  @Override
  public void authPacketArrived(int reasonCode, MqttProperties properties) {
    // no enhanced authentication
  }

  @SuppressWarnings("unchecked")
  private static CompletableFuture<Void> future(IMqttToken token) {
    return (CompletableFuture<Void>) token.getUserContext();
  }

  /** The innermost message: Paho wraps e.g. "Connection refused" in "Unable to connect". */
  static String reason(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    String m = t.getMessage();
    return m != null ? m : t.toString();
  }
}
