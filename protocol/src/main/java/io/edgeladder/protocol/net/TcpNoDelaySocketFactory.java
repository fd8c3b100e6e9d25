package io.edgeladder.protocol.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain sockets with {@code TCP_NODELAY} on, for every Paho client in the project (agent, simulator,
 * demo, bench). Paho never sets it, so Nagle's algorithm holds small
 * publishes back until the previous segment is acknowledged: against HiveMQ on loopback that was
 * ~35 ms per round trip instead of ~3.6 ms. Paho 1.2.5's {@code TCPNetworkModule} calls
 * {@link #createSocket()} and then {@code connect}; the other variants are covered for completeness.
 */
public final class TcpNoDelaySocketFactory extends SocketFactory {
  private final SocketFactory delegate;

  public TcpNoDelaySocketFactory(SocketFactory delegate) {
    this.delegate = delegate;
  }

  public static TcpNoDelaySocketFactory ofDefault() {
    return new TcpNoDelaySocketFactory(SocketFactory.getDefault());
  }

  @Override
  public Socket createSocket() throws IOException {
    return noDelay(delegate.createSocket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return noDelay(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return noDelay(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return noDelay(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return noDelay(delegate.createSocket(address, port, localAddress, localPort));
  }

  private static Socket noDelay(Socket socket) throws IOException {
    socket.setTcpNoDelay(true);
    return socket;
  }
}
