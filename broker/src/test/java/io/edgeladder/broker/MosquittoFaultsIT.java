package io.edgeladder.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fault tools of the agent's reliability tests: a persistent Mosquitto that survives kill -9, and the blackhole proxy. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MosquittoFaultsIT {

  @BeforeAll
  static void mosquittoInstalled() {
    assumeTrue(MosquittoProcess.available(), "mosquitto not found: apt-get install -y mosquitto");
  }

  @Test
  void startPersistent_killAndRestart_keepsSessionAndQueuesForIt() throws Exception {
    try (MosquittoProcess mosquitto = MosquittoProcess.startPersistent(List.of())) {
      MqttProbe sub = new MqttProbe(mosquitto.url(), "durable-sub", 3600);
      sub.subscribe("q/#", 1);
      sub.client.disconnect().waitForCompletion(5_000);
      sub.client.close(true);
      Thread.sleep(2_500); // past two autosaves
      mosquitto.kill();
      mosquitto.restart();
      try (MqttProbe pub = new MqttProbe(mosquitto.url(), "pub")) {
        pub.client.publish("q/1", "kept".getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(5_000);
      }
      try (MqttProbe again = new MqttProbe(mosquitto.url(), "durable-sub", 3600)) {
        // No SUBSCRIBE: the restored session still has q/#, and the broker queued the message for it.
        assertThat(again.received.poll(5, TimeUnit.SECONDS)).isEqualTo("q/1 kept");
      }
    }
  }

  @Test
  void blackhole_dropsBytesKeepsSocketsThenHealForwardsAgain() throws Exception {
    try (EchoServer echo = EchoServer.start(); FaultProxy proxy = FaultProxy.to(echo.url());
        Socket socket = new Socket("127.0.0.1", Integer.parseInt(proxy.url().substring(proxy.url().lastIndexOf(':') + 1)))) {
      socket.setSoTimeout(1_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write('a');
      assertThat(in.read()).isEqualTo('a');
      proxy.blackhole();
      out.write('b');
      assertThat(readOrTimeout(in)).as("nothing comes back while blackholed").isEqualTo(-2);
      assertThat(socket.isClosed()).isFalse();
      proxy.heal();
      out.write('c');
      assertThat(in.read()).isEqualTo('c');
      assertThat(proxy.droppedBytes()).isEqualTo(1);
    }
  }

  private static int readOrTimeout(InputStream in) throws java.io.IOException {
    try {
      return in.read();
    } catch (java.net.SocketTimeoutException e) {
      return -2;
    }
  }

  /** Echoes every byte back, one connection at a time. */
  private static final class EchoServer implements AutoCloseable {
    private final java.net.ServerSocket server;

    private EchoServer(java.net.ServerSocket server) {
      this.server = server;
    }

    static EchoServer start() throws java.io.IOException {
      EchoServer echo = new EchoServer(new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress()));
      Thread t = new Thread(echo::serve, "echo");
      t.setDaemon(true);
      t.start();
      return echo;
    }

    String url() {
      return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    private void serve() {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          int b;
          while ((b = s.getInputStream().read()) >= 0) {
            s.getOutputStream().write(b);
          }
        } catch (java.io.IOException e) {
          // Closed.
        }
      }
    }

    @Override
    public void close() throws java.io.IOException {
      server.close();
    }
  }
}
