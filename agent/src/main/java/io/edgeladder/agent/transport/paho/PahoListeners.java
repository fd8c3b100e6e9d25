package io.edgeladder.agent.transport.paho;

import io.edgeladder.agent.transport.MessageHandler;
import io.edgeladder.agent.transport.TransportException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.MqttToken;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;
import org.slf4j.Logger;

/**
 * Paho's callbacks for one {@link PahoTransport}. Every method runs on a Paho thread and must never
 * throw: an exception escaping {@code messageArrived} shuts the client down.
 */
final class PahoListeners implements MqttCallback {
  /** MQTT 5 reason codes from 0x80 up are failures (SUBACK, PUBACK). */
  private static final int FIRST_FAILURE_CODE = 0x80;
  /** MQTT 5 "Not authorized" (PUBACK, SUBACK, CONNACK). */
  static final int NOT_AUTHORIZED = 0x87;

  private final PahoTransport transport;
  private final TransportMetrics metrics;
  private final SubscriptionRouter router;
  private final Logger log;
  private final RateLimitedLog refusalLog;

  /** User context: the attempt's {@code CompletableFuture<Void>}. */
  final MqttActionListener connectListener = new MqttActionListener() {
    @Override
    public void onSuccess(IMqttToken token) {
      // Completed by connectComplete, once the online status is published.
    }

    @Override
    public void onFailure(IMqttToken token, Throwable error) {
      transport.connectFailed(future(token), error);
    }
  };

  /** User context: the publish's {@code CompletableFuture<Void>}; one instance for all publishes. */
  final MqttActionListener publishListener = new MqttActionListener() {
    @Override
    public void onSuccess(IMqttToken token) {
      int code = firstFailure(token.getReasonCodes());
      if (code >= 0) {
        refused(token, code);
        return;
      }
      metrics.messagesOut.increment();
      CompletableFuture<Void> done = future(token);
      if (done instanceof PublishFuture publish) {
        metrics.bytesOut.increment(publish.length);
      }
      done.complete(null);
    }

    @Override
    public void onFailure(IMqttToken token, Throwable error) {
      if (error instanceof MqttException e && e.getReasonCode() >= FIRST_FAILURE_CODE) {
        refused(token, e.getReasonCode());
        return;
      }
      CompletableFuture<Void> done = future(token);
      if (done instanceof PublishFuture publish) {
        restoreTopic(token, publish.topic);
      }
      if (done instanceof PublishFuture publish && publish.onLost != null && !publish.isDone()
          && handOver(publish)) {
        metrics.handedOver.increment();
        publish.complete(null);
        return;
      }
      metrics.failedError.increment();
      done.completeExceptionally(new TransportException(
          transport.describe() + ": publish failed: " + PahoTransport.reason(error), error));
    }
  };

  /**
   * Paho 1.2.5 replaces the topic of a PUBLISH by a topic alias (when the broker allows aliases) in the
   * very message it keeps for resending; after a reconnect it resends that message with the alias of
   * the old connection and no topic, which the broker answers with DISCONNECT 0x82 (protocol error),
   * again after every reconnect: the session never recovers. A failed publish gets its topic back and
   * loses the alias, so the resend is a plain PUBLISH. Runs when the connection drops, long before the
   * next connect (at least a second later, see {@link Reconnector}).
   */
  static void restoreTopic(IMqttToken token, String topic) {
    if (token instanceof MqttToken t && t.getRequestMessage() instanceof MqttPublish publish
        && publish.getTopicName() == null) {
      publish.setTopicName(topic);
      publish.getProperties().setTopicAlias(null);
    }
  }

  private boolean handOver(PublishFuture publish) {
    try {
      return publish.onLost.undelivered(publish.topic, publish.message.getPayload(),
          publish.message.getQos(), publish.message.isRetained());
    } catch (RuntimeException e) {
      log.error("{}: the undelivered-message handler failed", transport.describe(), e);
      return false;
    }
  }

  /** A reconnect attempt (no user context). */
  final MqttActionListener reconnectListener = new MqttActionListener() {
    @Override
    public void onSuccess(IMqttToken token) {
      // connectComplete follows and restores the session.
    }

    @Override
    public void onFailure(IMqttToken token, Throwable error) {
      transport.onReconnectFailed(error);
    }
  };

  /** User context: the remembered subscriptions being restored. */
  final MqttActionListener resubscribeListener = new MqttActionListener() {
    @Override
    public void onSuccess(IMqttToken token) {
      int code = firstFailure(token.getReasonCodes());
      if (code >= 0) {
        log.error("{}: broker refused a re-subscription (reason code 0x{}) of {}",
            transport.describe(), Integer.toHexString(code), token.getUserContext());
      } else {
        log.info("{}: re-subscribed {} filters", transport.describe(),
            ((List<?>) token.getUserContext()).size());
      }
    }

    @Override
    public void onFailure(IMqttToken token, Throwable error) {
      log.error("{}: re-subscribing failed: {}", transport.describe(), PahoTransport.reason(error));
    }
  };

  PahoListeners(PahoTransport transport, TransportMetrics metrics, SubscriptionRouter router,
      Logger log, RateLimitedLog refusalLog) {
    this.transport = transport;
    this.metrics = metrics;
    this.router = router;
    this.log = log;
    this.refusalLog = refusalLog;
  }

  /**
   * A publish the broker answered with a failure reason code: 135 (0x87, not authorized: an ACL denied
   * the topic) is counted as {@code not_authorized} and logged at most every 10 s; others as {@code error}.
   */
  private void refused(IMqttToken token, int code) {
    CompletableFuture<Void> done = future(token);
    String topic = done instanceof PublishFuture publish ? publish.topic : "?";
    String message;
    if (code == NOT_AUTHORIZED) {
      metrics.failedNotAuthorized.increment();
      message = transport.describe() + ": broker refused a publish to '" + topic
          + "' with reason code 135 (0x87, not authorized): the broker's ACL does not let this client"
          + " write there";
      refusalLog.warn(message, null);
    } else {
      metrics.failedError.increment();
      message = transport.describe() + ": broker refused a publish to '" + topic + "' with reason code "
          + code + " (0x" + Integer.toHexString(code) + ")";
    }
    done.completeExceptionally(TransportException.refused(message, code));
  }

  /** User context: the subscription's {@code CompletableFuture<Void>}. */
  MqttActionListener subscribeListener(String filter, MessageHandler handler) {
    return new MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        int code = firstFailure(token.getReasonCodes());
        if (code >= 0) {
          router.remove(filter, handler);
          future(token).completeExceptionally(new TransportException(transport.describe()
              + ": broker refused subscription to '" + filter + "' with reason code 0x"
              + Integer.toHexString(code)));
        } else {
          future(token).complete(null);
        }
      }

      @Override
      public void onFailure(IMqttToken token, Throwable error) {
        router.remove(filter, handler);
        future(token).completeExceptionally(new TransportException(transport.describe()
            + ": cannot subscribe to '" + filter + "': " + PahoTransport.reason(error), error));
      }
    };
  }

  /** User context: the unsubscribe's {@code CompletableFuture<Void>}. */
  MqttActionListener unsubscribeListener(String filter) {
    return new MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        future(token).complete(null);
      }

      @Override
      public void onFailure(IMqttToken token, Throwable error) {
        future(token).completeExceptionally(new TransportException(transport.describe()
            + ": cannot unsubscribe from '" + filter + "': " + PahoTransport.reason(error), error));
      }
    };
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    try {
      byte[] payload = message.getPayload();
      metrics.messagesIn.increment();
      metrics.bytesIn.increment(payload.length);
      router.route(topic, payload);
    } catch (Throwable e) { // NOPMD: never let an exception reach Paho (it would close the client)
      log.error("{}: dropping a message on '{}'", transport.describe(), topic, e);
    }
  }

  @Override
  public void connectComplete(boolean reconnect, String serverUri) {
    try {
      // Paho's reconnect flag only covers its own automatic reconnect, which we do not use.
      transport.onConnected();
    } catch (RuntimeException e) {
      log.error("{}: after connecting", transport.describe(), e);
    }
  }

  @Override
  public void disconnected(MqttDisconnectResponse response) {
    if (transport.isClosed()) {
      return;
    }
    metrics.connectionLost.increment();
    transport.restorePendingTopics();
    Throwable cause = response.getException();
    log.warn("{}: connection lost ({}); reconnecting", transport.describe(),
        cause != null ? PahoTransport.reason(cause) : "reason code " + response.getReturnCode());
    transport.onConnectionLost();
  }

  @Override
  public void mqttErrorOccurred(MqttException exception) {
    log.warn("{}: {}", transport.describe(), PahoTransport.reason(exception));
  }

  @Override
  public void deliveryComplete(IMqttToken token) {
    // Publish outcomes are handled by publishListener.
  }

  @Override
  public void authPacketArrived(int reasonCode, MqttProperties properties) {
    // No enhanced authentication.
  }

  @SuppressWarnings("unchecked")
  private static CompletableFuture<Void> future(IMqttToken token) {
    return (CompletableFuture<Void>) token.getUserContext();
  }

  /** The first failure reason code, or -1 if none failed. */
  private static int firstFailure(int[] codes) {
    if (codes != null) {
      for (int code : codes) {
        if (code >= FIRST_FAILURE_CODE) {
          return code;
        }
      }
    }
    return -1;
  }
}
