package io.edgeladder.controller.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.controller.distribution.Ladders;
import io.edgeladder.controller.distribution.PublishProgress;
import io.edgeladder.controller.fleet.FleetFixtures;
import io.edgeladder.controller.mqtt.Await;
import io.edgeladder.controller.mqtt.TestClient;
import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.dist.KeyFiles;
import io.edgeladder.protocol.fleet.Bounds;
import io.edgeladder.protocol.fleet.DesiredState;
import io.edgeladder.protocol.fleet.PipelineDesired;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wired controller from a YAML config: keys generated at first start, agents registered, a ladder
 * published, desired state set; after the broker restarts with its retained store lost, the controller
 * reconnects, still ingests, and republishes the desired state.
 */
@Timeout(120)
class ControllerIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path tmp;

  @Test
  void start_ingest_publish_desired_survivesBrokerRestart() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort())) {
      Path yaml = Files.writeString(tmp.resolve("controller.yaml"),
          "controller:\n  id: ctl-it\ndataDir: data\nhttp:\n  port: -1\nfleet:\n  ingestLanes: 1\n");
      ControllerConfig config = ControllerConfigLoader.load(yaml, Map.of("EDGELADDER_BROKER_URL", broker.url()));
      String releaseSha;
      try (Controller c = Controller.start(config, new SimpleMeterRegistry(), Clock.systemUTC(), WAIT);
          TestClient watcher = TestClient.connect(broker.url(), "watcher", null)) {
        assertThat(KeyFiles.keyId(KeyFiles.readPublic(tmp.resolve("data/keys/controller.pub")))).isEqualTo(c.keyId());
        watcher.subscribe("controller/ctl-it/status");
        assertThat(watcher.await("controller/ctl-it/status", WAIT).text()).isEqualTo("online");

        announce(broker, "it-gw-1");
        Await.until(() -> c.fleet().list(LabelSelector.all()).size() == 1, WAIT, "agent listed");
        releaseSha = c.publisher().publish(Ladders.LADDER, false, PublishProgress.NONE).releaseSha();
        c.desired().setForSelector(LabelSelector.parse("site=it"), List.of(new PipelineDesired(
            FleetFixtures.PIPELINE, FleetFixtures.MODEL, releaseSha, new Bounds(List.of(), "qat", 0))));

        broker.restart(); // in-memory: every retained message is gone
        announce(broker, "it-gw-2"); // joins after the restart: ingest must be subscribed again
        Await.until(() -> c.fleet().get("it-gw-2").isPresent(), WAIT, "agent registered after the broker restart");
        try (TestClient late = TestClient.connect(broker.url(), "late", null)) {
          late.subscribe(Topics.desired("it-gw-1"), Topics.desired("it-gw-2"));
          DesiredState republished = DesiredState.parse(late.await(Topics.desired("it-gw-1"), WAIT).payload());
          assertThat(republished.version()).isEqualTo(1);
          assertThat(republished.pipelines().get(0).releaseSha()).isEqualTo(releaseSha);
          assertThat(DesiredState.parse(late.await(Topics.desired("it-gw-2"), WAIT).payload()).version())
              .as("selector applied to the agent that joined after the restart").isEqualTo(1);
        }
      }
      try (TestClient after = TestClient.connect(broker.url(), "after", null)) {
        after.subscribe("controller/ctl-it/status");
        assertThat(after.await("controller/ctl-it/status", WAIT).text()).isEqualTo("offline");
      }
    }
  }

  private static void announce(EmbeddedBroker broker, String id) throws Exception {
    try (TestClient agent = TestClient.connect(broker.url(), id, Topics.status(id))) {
      agent.publish(Topics.status(id), "online", true);
      agent.publish(Topics.birth(id), FleetFixtures.birth(id, "inc-1", Map.of("site", "it")).toJson(), true);
    }
  }
}
