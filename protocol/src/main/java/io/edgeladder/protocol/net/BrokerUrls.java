package io.edgeladder.protocol.net;

/**
 * Broker URL schemes: {@code tcp://} and {@code mqtt://} are plain MQTT, {@code ssl://} and {@code mqtts://}
 * MQTT over TLS. Paho knows only {@code tcp} and {@code ssl}, so {@link #forPaho} rewrites the other two.
 */
public final class BrokerUrls {
  private BrokerUrls() {}

  /** Whether {@code url} starts with one of the four schemes. */
  public static boolean supported(String url) {
    return url != null && (isTls(url) || startsWith(url, "tcp://") || startsWith(url, "mqtt://"));
  }

  /** Whether {@code url} asks for TLS ({@code ssl://} or {@code mqtts://}). */
  public static boolean isTls(String url) {
    return url != null && (startsWith(url, "ssl://") || startsWith(url, "mqtts://"));
  }

  /** {@code mqtts://h:p} to {@code ssl://h:p}, {@code mqtt://h:p} to {@code tcp://h:p}; others unchanged. */
  public static String forPaho(String url) {
    if (startsWith(url, "mqtts://")) return "ssl://" + url.substring("mqtts://".length());
    if (startsWith(url, "mqtt://")) return "tcp://" + url.substring("mqtt://".length());
    return url;
  }

  private static boolean startsWith(String url, String scheme) {
    return url.regionMatches(true, 0, scheme, 0, scheme.length());
  }
}
