package io.edgeladder.bench.adaptive;

import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.broker.MosquittoProcess;

/** The broker of one adaptive run: the embedded one, or a Mosquitto child process (no JVM broker in the path). */
final class BenchBroker implements AutoCloseable {
  private final EmbeddedBroker embedded;
  private final MosquittoProcess mosquitto;

  private BenchBroker(EmbeddedBroker embedded, MosquittoProcess mosquitto) {
    this.embedded = embedded;
    this.mosquitto = mosquitto;
  }

  /** Starts {@code kind}: {@code embedded} or {@code mosquitto}. */
  static BenchBroker start(String kind) {
    if (kind.equals("mosquitto")) {
      // MosquittoProcess raises the in-flight window and queues as the embedded broker does.
      return new BenchBroker(null, MosquittoProcess.start());
    }
    return new BenchBroker(EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort()), null);
  }

  String url() {
    return embedded != null ? embedded.url() : mosquitto.url();
  }

  @Override
  public void close() {
    if (embedded != null) embedded.close();
    if (mosquitto != null) mosquitto.close();
  }
}
