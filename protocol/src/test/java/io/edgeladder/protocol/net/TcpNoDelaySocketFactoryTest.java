package io.edgeladder.protocol.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class TcpNoDelaySocketFactoryTest {
  private final TcpNoDelaySocketFactory factory = TcpNoDelaySocketFactory.ofDefault();

  @Test
  void createSocket_unconnected_asPahoUsesIt_hasNoDelayAfterConnect() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket socket = factory.createSocket()) {
      assertThat(socket.getTcpNoDelay()).isTrue();
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 1000);
      assertThat(socket.getTcpNoDelay()).isTrue();
    }
  }

  @Test
  void createSocket_connectingVariants_haveNoDelay() throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket server = new ServerSocket(0, 4, loopback);
        Socket byName = factory.createSocket(loopback.getHostAddress(), server.getLocalPort());
        Socket byAddress = factory.createSocket(loopback, server.getLocalPort());
        Socket byNameLocal = factory.createSocket(loopback.getHostAddress(), server.getLocalPort(), loopback, 0);
        Socket byAddressLocal = factory.createSocket(loopback, server.getLocalPort(), loopback, 0)) {
      assertThat(byName.getTcpNoDelay()).isTrue();
      assertThat(byAddress.getTcpNoDelay()).isTrue();
      assertThat(byNameLocal.getTcpNoDelay()).isTrue();
      assertThat(byAddressLocal.getTcpNoDelay()).isTrue();
    }
  }

  @Test
  void defaultFactory_withoutWrapper_leavesNagleOn() throws Exception {
    // Guards the premise: if the JDK ever defaulted to TCP_NODELAY, the wrapper would be moot.
    try (Socket plain = javax.net.SocketFactory.getDefault().createSocket()) {
      assertThat(plain.getTcpNoDelay()).isFalse();
    }
  }
}
