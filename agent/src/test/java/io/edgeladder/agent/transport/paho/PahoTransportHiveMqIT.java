package io.edgeladder.agent.transport.paho;

import io.edgeladder.agent.transport.Transport;
import io.edgeladder.agent.transport.TransportContractKit;
import io.edgeladder.broker.EmbeddedBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The transport contract against the embedded HiveMQ CE broker. */
class PahoTransportHiveMqIT extends TransportContractKit {
  private EmbeddedBroker broker;

  @Override
  protected void startBroker() {
    broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort());
  }

  @Override
  protected void stopBroker() {
    broker.close();
  }

  @Override
  protected void restartBroker() {
    broker.restart();
  }

  @Override
  protected String brokerUrl() {
    return broker.url();
  }

  @Override
  protected Transport newTransport(String url, String clientId, String agentId) {
    return PahoTransport.create(
        PahoTransportOptions.of(url, clientId, agentId), new SimpleMeterRegistry());
  }
}
