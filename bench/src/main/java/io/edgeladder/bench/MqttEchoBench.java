package io.edgeladder.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The transport reference: what MQTT alone costs for the agent's message pattern. A publisher sends
 * sensor-sized payloads on topic A at a fixed rate (paced on the monotonic clock); an echo client
 * subscribed to A answers each with a result-sized payload on topic B (as the agent does, on one
 * connection, in its own JVM started with the agent's flags: {@link EchoServerCommand}); a receiver
 * subscribed to B stamps the round trip. Sender and receiver are separate connections, exactly like the agent phase's sensor publisher and result subscriber. (With one shared
 * connection for sending and receiving, the echo's p50 was ~2.5 ms against ~0.7-1.8 ms on separate ones,
 * Mosquitto on this 2-core machine; a Nagle/delayed-ACK interplay on the broker side is the likely cause,
 * and the agent path never pays it.)
 * All QoS 0, Paho v5 with {@code TCP_NODELAY}, through the same broker as the agent. The first 8 bytes
 * of each payload carry the message number, so losses cannot shift the matching.
 */
final class MqttEchoBench {
  private static final String TOPIC_A = "bench/echo/request";
  private static final String TOPIC_B = "bench/echo/response";
  private static final String ALLOC_REQUEST = "bench/echo/alloc/request";
  private static final String ALLOC_REPLY = "bench/echo/alloc/reply";

  private MqttEchoBench() {}

  /**
   * @param payloadBytes request size (a sensor message), >= 8
   * @param replyBytes reply size (a result message), >= 8
   * @param rate messages per second
   */
  static Result run(String brokerUrl, int payloadBytes, int replyBytes, double rate, double warmupSeconds,
      double seconds, List<String> echoJvmFlags) throws MqttException, InterruptedException, IOException {
    if (payloadBytes < 8 || replyBytes < 8 || !(rate > 0)) {
      throw new IllegalArgumentException("mqtt echo payload and reply must be >= 8 bytes and rate > 0 but were "
          + payloadBytes + ", " + replyBytes + ", " + rate);
    }
    int warmup = (int) Math.round(rate * warmupSeconds);
    int total = warmup + (int) Math.round(rate * seconds);
    long[] sent = new long[total];
    long[] received = new long[total];
    AtomicLong replies = new AtomicLong();
    BlockingQueue<Long> allocations = new LinkedBlockingQueue<>();
    try (ChildJvm echo = ChildJvm.start(echoJvmFlags, List.of("echo-server", "--broker-url", brokerUrl,
             "--request-topic", TOPIC_A, "--reply-topic", TOPIC_B, "--reply-bytes", Integer.toString(replyBytes),
             "--alloc-request-topic", ALLOC_REQUEST, "--alloc-reply-topic", ALLOC_REPLY),
             EchoServerCommand.READY);
         BenchClient publisher = BenchClient.connect(brokerUrl, "bench-echo-publisher", null);
         BenchClient receiver = BenchClient.connect(brokerUrl, "bench-echo-receiver",
             (topic, payload, nanos) -> {
               if (topic.equals(ALLOC_REPLY)) {
                 allocations.add(ByteBuffer.wrap(payload).getLong(0));
                 return;
               }
               int n = (int) ByteBuffer.wrap(payload).getLong(0);
               if (n >= 0 && n < total) {
                 received[n] = nanos;
               }
               replies.incrementAndGet();
             })) {
      receiver.subscribe(TOPIC_B, 0);
      receiver.subscribe(ALLOC_REPLY, 0);
      double period = 1e9 / rate;
      long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
      for (int n = 0; n < total; n++) {
        if (n == warmup) {
          publisher.publish(ALLOC_REQUEST, new byte[8], 0);
        }
        byte[] payload = new byte[payloadBytes];
        ByteBuffer.wrap(payload).putLong(0, n);
        SensorFeed.awaitNanos(start + (long) (n * period));
        sent[n] = System.nanoTime();
        publisher.publish(TOPIC_A, payload, 0);
      }
      publisher.publish(ALLOC_REQUEST, new byte[8], 0);
      awaitReplies(replies, total, 2_000);
      Long a1 = allocations.poll(2, TimeUnit.SECONDS);
      Long a2 = allocations.poll(2, TimeUnit.SECONDS);
      double allocPerMessage = a1 == null || a2 == null || a1 < 0 ? Double.NaN : (a2 - a1) / (double) (total - warmup);
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
          receiver.callbackErrors(), allocPerMessage);
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
   * @param echoAllocatedBytesPerMessage heap bytes the echo JVM allocated per request answered (Paho
   *     receiving a sensor-sized message and publishing a result-sized one): the transport's share of
   *     the agent's allocation per window
   */
  record Result(Samples.Summary roundTrip, double sendRate, long lost, int payloadBytes, int replyBytes,
      long callbackErrors, double echoAllocatedBytesPerMessage) {}
}
