package io.edgeladder.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay between clients and a broker that can fake a network partition: while
 * {@link #blackhole() blackholed} every socket stays open but the bytes in both directions are read and
 * dropped (as on a dead link or a lost route: no FIN, no RST, only silence until keep-alives time out),
 * and new connections are accepted into the same silence; a side that closes its socket meanwhile is not
 * reported to the other. {@link #heal()} forwards again; a connection
 * that lost bytes meanwhile is garbage to its peer and gets closed by it, as after a real partition.
 *
 * <p>Thread-safe; daemon threads (one acceptor, two pumps per connection) end with {@link #close()}.
 */
public final class FaultProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile boolean blackholed;
  private volatile long droppedBytes;

  private FaultProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "fault-proxy-accept-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Relays to {@code tcp://host:port} (the form {@link MosquittoProcess#url()} returns). */
  public static FaultProxy to(String brokerUrl) throws IOException {
    String hostPort = brokerUrl.substring(brokerUrl.indexOf("://") + 3);
    int colon = hostPort.lastIndexOf(':');
    return new FaultProxy(new InetSocketAddress(
        hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
  }

  public String url() {
    return "tcp://127.0.0.1:" + server.getLocalPort();
  }

  /** From now on, drop every byte in both directions; sockets stay open. */
  public void blackhole() {
    blackholed = true;
  }

  /** Forward again. */
  public void heal() {
    blackholed = false;
  }

  public boolean isBlackholed() {
    return blackholed;
  }

  /** Bytes dropped while blackholed, both directions together. */
  public long droppedBytes() {
    return droppedBytes;
  }

  /** Closes every relayed connection (both sides see the socket close). */
  public void dropConnections() {
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    open.clear();
  }

  @Override
  public void close() {
    closeQuietly(server);
    dropConnections();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket();
        try {
          upstream.connect(target, 2_000);
        } catch (IOException e) {
          closeQuietly(client);
          closeQuietly(upstream);
          continue;
        }
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        // Server closed: the loop ends.
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16384];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (blackholed) {
            droppedBytes += n; // one writer per direction; an approximate total is enough
            continue;
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // Closed by dropConnections() or by either side: the relay ends.
      } finally {
        closeQuietly(from);
        if (!blackholed) {
          closeQuietly(to);
        } // else a partition hides the close: the other side finds out by its own keep-alive
      }
    }, "fault-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Already closed.
    }
  }
}
