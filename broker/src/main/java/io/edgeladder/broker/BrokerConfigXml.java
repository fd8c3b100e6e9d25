package io.edgeladder.broker;

/**
 * The {@code config.xml} of the embedded HiveMQ.
 *
 * <p>Limits raised above HiveMQ CE's defaults, because a 1000 msg/s stream with QoS 1 would hit them:
 *
 * <ul>
 *   <li>{@code server-receive-maximum} 10 → {@value #SERVER_RECEIVE_MAXIMUM}: a client may have only
 *       this many unacknowledged QoS 1/2 publishes in flight towards the broker; Paho v5 adopts it as
 *       its in-flight window and fails further publishes (reason 32202) until PUBACKs return.
 *   <li>{@code queued-messages/max-queue-size} 1000 → {@value #MAX_QUEUED_MESSAGES} per client: a
 *       subscriber falling one second behind a 1000 msg/s stream would otherwise lose messages.
 * </ul>
 *
 * <p>Left at their defaults: {@code max-packet-size} (268435460 bytes), {@code restrictions}
 * (unlimited connections, 65535-character client ids and topics, no bandwidth throttling).
 */
final class BrokerConfigXml {
  static final int SERVER_RECEIVE_MAXIMUM = 1000;
  static final long MAX_QUEUED_MESSAGES = 100_000;

  private BrokerConfigXml() {}

  static String render(String host, int port, boolean inMemory) {
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener>
              <port>%d</port>
              <bind-address>%s</bind-address>
            </tcp-listener>
          </listeners>
          <mqtt>
            <queued-messages>
              <max-queue-size>%d</max-queue-size>
              <strategy>discard</strategy>
            </queued-messages>
            <receive-maximum>
              <server-receive-maximum>%d</server-receive-maximum>
            </receive-maximum>
          </mqtt>
          <anonymous-usage-statistics>
            <enabled>false</enabled>
          </anonymous-usage-statistics>
          <persistence>
            <mode>%s</mode>
          </persistence>
        </hivemq>
        """
        .formatted(
            port,
            escape(host),
            MAX_QUEUED_MESSAGES,
            SERVER_RECEIVE_MAXIMUM,
            inMemory ? "in-memory" : "file");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
