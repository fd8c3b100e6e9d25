package io.edgeladder.agent.transport.paho;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgeladder.agent.transport.Transport;
import io.edgeladder.agent.transport.TransportContractKit;
import io.edgeladder.broker.MosquittoProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The transport contract against a real Mosquitto process on a free loopback port. */
class PahoTransportMosquittoIT extends TransportContractKit {
  private MosquittoProcess mosquitto;

  @Override
  protected void startBroker() {
    assumeTrue(MosquittoProcess.available(), "mosquitto not found: apt-get install -y mosquitto");
    mosquitto = MosquittoProcess.start();
  }

  @Override
  protected void stopBroker() {
    if (mosquitto != null) {
      mosquitto.close();
    }
  }

  @Override
  protected void restartBroker() {
    mosquitto.restart();
  }

  @Override
  protected String brokerUrl() {
    return mosquitto.url();
  }

  @Override
  protected Transport newTransport(String url, String clientId, String agentId) {
    return PahoTransport.create(
        PahoTransportOptions.of(url, clientId, agentId), new SimpleMeterRegistry());
  }
}
