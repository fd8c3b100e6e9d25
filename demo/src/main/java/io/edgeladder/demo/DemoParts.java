package io.edgeladder.demo;

import io.edgeladder.broker.EmbeddedBroker;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a demo run started, closed newest first (the broker last) by {@link #close()} or, on Ctrl-C, by a
 * shutdown hook. The loop thread adds parts; either the loop or the hook closes each part once.
 */
final class DemoParts implements AutoCloseable {
  private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
  private final String url;
  private final Thread hook = new Thread(this::closeParts, "demo-shutdown");
  private volatile boolean hooked;

  private DemoParts(String url) {
    this.url = url;
  }

  /** The broker given in the options, or an embedded one on the options' port (a free one when taken). */
  static DemoParts broker(DemoRun.Options o, PrintStream out) {
    DemoParts parts;
    if (o.brokerUrl() == null) {
      EmbeddedBroker embedded = EmbeddedBroker.start(EmbeddedBroker.Options.ofDefaults().withPort(o.port()));
      out.println("embedded MQTT v5 broker (HiveMQ CE) at " + embedded.url()
          + (embedded.portWasTaken() ? "  (port " + o.port() + " was taken; picked " + embedded.port() + ")" : ""));
      parts = new DemoParts(embedded.url());
      parts.add(embedded);
    } else {
      out.println("using broker " + o.brokerUrl());
      parts = new DemoParts(o.brokerUrl());
    }
    Runtime.getRuntime().addShutdownHook(parts.hook);
    parts.hooked = true;
    return parts;
  }

  String url() {
    return url;
  }

  /** Keeps {@code part} to close before everything added earlier. */
  <T extends AutoCloseable> T add(T part) {
    open.add(0, part);
    return part;
  }

  /** Keeps {@code part} to close after everything else, the broker included. */
  void addFirst(AutoCloseable part) {
    open.add(part);
  }

  @Override
  public void close() {
    closeParts();
    if (hooked) {
      hooked = false;
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down: the hook is running
      }
    }
  }

  private void closeParts() {
    for (AutoCloseable c : open) {
      if (!open.remove(c)) continue; // the other caller got it first
      try {
        c.close();
      } catch (Exception e) {
        System.err.println("while stopping the demo: " + c.getClass().getSimpleName() + ": " + e);
      }
    }
  }
}
