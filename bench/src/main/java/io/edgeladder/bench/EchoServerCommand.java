package io.edgeladder.bench;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The echo side of {@link MqttEchoBench}, run as its own JVM with the agent's flags so the reference
 * pays what the agent pays (own process, own GC, own Paho threads): answers every message on
 * {@code --request-topic} with {@code --reply-bytes} bytes on {@code --reply-topic}, the request's first
 * 8 bytes (its number) copied, published straight from Paho's callback. A message on
 * {@code --alloc-request-topic} is answered on {@code --alloc-reply-topic} with the heap bytes this JVM has
 * allocated so far (8 bytes, big-endian; -1 when the JVM cannot tell), read on the same callback thread so
 * every earlier request is included. Prints {@value #READY} once subscribed; runs until killed.
 */
@Command(name = "echo-server", hidden = true, description = "MQTT echo for the e2e reference (internal).")
final class EchoServerCommand implements Callable<Integer> {
  static final String READY = "echo-server ready";

  @Option(names = "--broker-url", required = true)
  String brokerUrl;

  @Option(names = "--request-topic", required = true)
  String requestTopic;

  @Option(names = "--reply-topic", required = true)
  String replyTopic;

  @Option(names = "--reply-bytes", defaultValue = "400")
  int replyBytes;

  @Option(names = "--alloc-request-topic", required = true)
  String allocRequestTopic;

  @Option(names = "--alloc-reply-topic", required = true)
  String allocReplyTopic;

  @Override
  public Integer call() throws Exception {
    if (replyBytes < 8) {
      throw new IllegalArgumentException("echo-server --reply-bytes must be >= 8 but was " + replyBytes);
    }
    try (BenchClient echo = BenchClient.connect(brokerUrl, "bench-echo", null)) {
      echo.setListener((topic, payload, nanos) -> {
        if (topic.equals(allocRequestTopic)) {
          echo.publish(allocReplyTopic, ByteBuffer.allocate(8).putLong(0, allocatedBytes()).array(), 0);
          return;
        }
        byte[] reply = new byte[replyBytes];
        System.arraycopy(payload, 0, reply, 0, 8);
        echo.publish(replyTopic, reply, 0);
      });
      echo.subscribe(requestTopic, 0);
      echo.subscribe(allocRequestTopic, 0);
      System.out.println(READY);
      System.out.flush();
      new CountDownLatch(1).await(); // until the parent kills the process
    }
    return 0;
  }

  /** Bytes allocated by all live threads (the agent's {@code edge.jvm.allocated} counts the same way). */
  private static long allocatedBytes() {
    if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
        || !threads.isThreadAllocatedMemoryEnabled()) {
      return -1;
    }
    long sum = 0;
    for (long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      sum += Math.max(0, b);
    }
    return sum;
  }
}
