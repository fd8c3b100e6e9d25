package io.edgeladder.bench.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.controller.app.Controller;
import io.edgeladder.controller.distribution.PublishReport;
import io.edgeladder.protocol.dist.KeyFiles;
import io.edgeladder.protocol.dist.Sha256;
import io.edgeladder.protocol.dist.Verifier;
import io.edgeladder.protocol.ladder.LadderManifest;
import io.edgeladder.protocol.ladder.VariantEntry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The building blocks of {@code fleet}, shortened, on the embedded broker with a real controller: simulated agents
 * assemble and verify every artifact, refuse a release signed by a key they do not trust, a distribution case
 * measures both sides, and heartbeats from a child JVM are all recorded with their lag. Correctness only.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FleetQuickIT {
  private static final int SMALL = 16; // wide rung of 197 KB keeps the test short
  private static final int CHUNK = 64 * 1024; // several chunks per artifact

  @Test
  void distribution_agentsAssembleVerifiedFilesRefuseUntrustedKeysAndBothSidesAreMeasured(@TempDir Path tmp)
      throws Exception {
    Path ladder = WideLadder.write(WideLadderTest.DEMO, tmp.resolve("ladder"), SMALL);
    try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort());
        Controller controller = Controller.start(FleetCommand.config(broker.url(), tmp.resolve("ctl"), CHUNK, 8),
            new SimpleMeterRegistry(), Clock.systemUTC(), Duration.ofSeconds(15))) {
      Verifier trusted = Verifier.of(KeyFiles.readPublic(tmp.resolve("ctl/keys/public.pem")));
      Verifier foreign = Verifier.of(KeyFiles.generate().getPublic());
      try (SimAgent good = SimAgent.start(broker.url(), "good", trusted, tmp.resolve("good"));
          SimAgent bad = SimAgent.start(broker.url(), "bad", foreign, tmp.resolve("bad"))) {
        PublishReport report = controller.publisher().publish(ladder, true, p -> { });

        good.done().get(30, TimeUnit.SECONDS);
        for (VariantEntry v : LadderManifest.read(ladder.resolve("ladder.json")).accepted()) {
          Path f = tmp.resolve("good").resolve(v.sha256() + ".onnx");
          assertThat(Sha256.hex(f)).as(v.id()).isEqualTo(v.sha256());
        }
        assertThat(good.rejectedChunks()).isZero();
        assertThatThrownBy(() -> bad.done().get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .hasMessageContaining(report.releaseSha());
        controller.publisher().retire(report.releaseSha());
      }

      DistributionBench bench = new DistributionBench(broker.url(), controller, tmp.resolve("ctl/keys/public.pem"),
          ladder, tmp.resolve("work"), CHUNK, 8);
      DistributionCase c = bench.run(2, 0);
      assertThat(c.oursPerAgent().count()).isEqualTo(2);
      assertThat(c.rawPerAgent().count()).isEqualTo(2);
      assertThat(c.rejectedChunks()).isZero();
      assertThat(c.oursTotalMs()).isPositive().isGreaterThanOrEqualTo(c.oursPerAgent().maxMs());
      assertThat(c.rawTotalMs()).isPositive();
      assertThat(c.ladderBytes()).isEqualTo(Files.size(ladder.resolve("wide-fp32.onnx"))
          + Files.size(ladder.resolve("fp32.onnx")) + Files.size(ladder.resolve("qat.onnx")));
      assertThat(c.chunks()).isEqualTo(4 + 1 + 1); // 197 KB, 48 KB, 21 KB in 64 KiB chunks
    }
  }

  @Test
  void heartbeats_fromAChildJvm_everyOneRecordedWithItsLag(@TempDir Path tmp) throws Exception {
    HeartbeatResult r = HeartbeatBench.run(tmp.resolve("db"), 3, 20, 1);

    assertThat(r.sent()).isEqualTo(60);
    assertThat(r.recorded()).isEqualTo(60);
    assertThat(r.otherOutcomes()).isZero();
    assertThat(r.lag().count()).isEqualTo(60);
    assertThat(r.lag().p50Ms()).isGreaterThanOrEqualTo(-1); // same wall clock, 1 ms resolution
    assertThat(r.controllerCpuMs()).isPositive();
  }
}
