package io.edgeladder.simulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A private Mosquitto process on a free loopback port, for integration tests. */
final class Mosquitto implements AutoCloseable {
  private final Process process;
  private final int port;

  private Mosquitto(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static Mosquitto start(Path dir) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
    String binary = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
    Process p = new ProcessBuilder(List.of(binary, "-c", conf.toString()))
        .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return new Mosquitto(p, port);
      } catch (IOException notYet) {
        if (!p.isAlive()) {
          throw new IOException("mosquitto exited with " + p.exitValue() + ": "
              + Files.readString(dir.resolve("mosquitto.log")));
        }
        Thread.sleep(50);
      }
    }
    p.destroyForcibly();
    throw new IOException("mosquitto did not listen on port " + port + " within 10 s");
  }

  String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
