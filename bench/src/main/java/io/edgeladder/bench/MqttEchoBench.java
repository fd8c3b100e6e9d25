package io.edgeladder.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The transport reference: what MQTT alone costs for the agent's message pattern. A publisher sends
 * sensor-sized payloads on topic A at a fixed rate (paced on the monotonic clock); an echo client
 * subscribed to A answers each with a result-sized payload on topic B; the publisher's own subscription
 * on B stamps the round trip. All QoS 0, Paho v5 with {@code TCP_NODELAY}, through the same broker as the
 * agent. The first 8 bytes of each payload carry the message number, so losses cannot shift the matching.
 */
final class MqttEchoBench {
  private static final String TOPIC_A = "bench/echo/request";
  private static final String TOPIC_B = "bench/echo/response";

  private MqttEchoBench() {}

  /**
   * @param payloadBytes request size (a sensor message), >= 8
   * @param replyBytes reply size (a result message), >= 8
   * @param rate messages per second
   */
  static Result run(String brokerUrl, int payloadBytes, int replyBytes, double rate, double warmupSeconds,
      double seconds) throws MqttException, InterruptedException {
    if (payloadBytes < 8 || replyBytes < 8 || !(rate > 0)) {
      throw new IllegalArgumentException("mqtt echo payload and reply must be >= 8 bytes and rate > 0 but were "
          + payloadBytes + ", " + replyBytes + ", " + rate);
    }
    int warmup = (int) Math.round(rate * warmupSeconds);
    int total = warmup + (int) Math.round(rate * seconds);
    long[] sent = new long[total];
    long[] received = new long[total];
    AtomicLong replies = new AtomicLong();
    try (BenchClient echo = BenchClient.connect(brokerUrl, "bench-echo", null);
         BenchClient publisher = BenchClient.connect(brokerUrl, "bench-echo-publisher",
             (topic, payload, nanos) -> {
               int n = (int) ByteBuffer.wrap(payload).getLong(0);
               if (n >= 0 && n < total) {
                 received[n] = nanos;
               }
               replies.incrementAndGet();
             })) {
      echo.setListener((topic, payload, nanos) -> {
        byte[] reply = new byte[replyBytes];
        System.arraycopy(payload, 0, reply, 0, 8);
        echo.publish(TOPIC_B, reply, 0);
      });
      echo.subscribe(TOPIC_A, 0);
      publisher.subscribe(TOPIC_B, 0);
      double period = 1e9 / rate;
      long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
      for (int n = 0; n < total; n++) {
        byte[] payload = new byte[payloadBytes];
        ByteBuffer.wrap(payload).putLong(0, n);
        SensorFeed.awaitNanos(start + (long) (n * period));
        sent[n] = System.nanoTime();
        publisher.publish(TOPIC_A, payload, 0);
      }
      awaitReplies(replies, total, 2_000);
      Samples samples = new Samples(total - warmup);
      long lost = 0;
      for (int n = warmup; n < total; n++) {
        if (received[n] == 0) {
          lost++;
        } else {
          samples.record(received[n] - sent[n]);
        }
      }
      long elapsed = sent[total - 1] - sent[warmup];
      double achieved = elapsed > 0 ? (total - warmup - 1) * 1e9 / elapsed : Double.NaN;
      return new Result(samples.summary(), achieved, lost, payloadBytes, replyBytes,
          echo.callbackErrors() + publisher.callbackErrors());
    }
  }

  private static void awaitReplies(AtomicLong replies, int expected, long maxMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
    while (replies.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  /**
   * @param roundTrip publish on A to arrival on B, measured messages only
   * @param sendRate achieved publish rate, messages per second
   * @param lost measured messages without a reply
   */
  record Result(Samples.Summary roundTrip, double sendRate, long lost, int payloadBytes, int replyBytes,
      long callbackErrors) {}
}
