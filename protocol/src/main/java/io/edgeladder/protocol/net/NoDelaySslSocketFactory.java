package io.edgeladder.protocol.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS sockets with {@code TCP_NODELAY} on and only the given protocol versions enabled. Paho 1.2.5's
 * {@code SSLNetworkModule} calls {@link #createSocket()} and then {@code connect}, and refuses a factory that
 * is not an {@link SSLSocketFactory} for {@code ssl://}.
 */
final class NoDelaySslSocketFactory extends SSLSocketFactory {
  private final SSLSocketFactory delegate;
  private final String[] protocols;

  NoDelaySslSocketFactory(SSLSocketFactory delegate, String[] protocols) {
    this.delegate = delegate;
    this.protocols = protocols.clone();
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  @Override
  public Socket createSocket() throws IOException {
    return tune(delegate.createSocket());
  }

  @Override
  public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
    return tune(delegate.createSocket(s, host, port, autoClose));
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return tune(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return tune(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return tune(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return tune(delegate.createSocket(address, port, localAddress, localPort));
  }

  private Socket tune(Socket socket) throws IOException {
    socket.setTcpNoDelay(true);
    if (socket instanceof SSLSocket ssl) {
      ssl.setEnabledProtocols(protocols);
    }
    return socket;
  }
}
