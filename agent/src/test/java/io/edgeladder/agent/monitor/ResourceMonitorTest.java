package io.edgeladder.agent.monitor;

import io.edgeladder.agent.testing.RecordingTransport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeladder.agent.transport.TransportException;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceMonitorTest {
  private final MockClock clock = new MockClock();
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RecordingTransport transport = new RecordingTransport();
  private final MonitorSettings settings = new MonitorSettings(Duration.ofSeconds(1), Duration.ofSeconds(5));

  /** Returns the queued behaviours in turn: a sample, or a throwable to throw. */
  private static final class ScriptedProbe implements ResourceProbe {
    final List<Object> script = new ArrayList<>();
    int calls;

    @Override
    public ResourceSample sample() {
      Object next = script.get(Math.min(calls++, script.size() - 1));
      if (next instanceof RuntimeException e) throw e;
      if (next instanceof Error e) throw e;
      return (ResourceSample) next;
    }

    @Override
    public long problemCount() {
      return 3;
    }
  }

  static ResourceSample sample(long time, double cpu, double battery) {
    return new ResourceSample(time,
        new ResourceSample.Cpu(cpu, 1.5, List.of(cpu, cpu), 0.7, 1000),
        new ResourceSample.Memory(1 << 30, 1 << 29, 50_000_000, 10_000_000, 100_000_000),
        new ResourceSample.Thermal(Map.of("cpu", 61.0), 61.0),
        new ResourceSample.Power("simulated", battery, ResourceSample.BatteryStatus.DISCHARGING, 3.5, 42.0, 0),
        Map.of());
  }

  private ResourceMonitor monitor(ResourceProbe probe) {
    return ResourceMonitor.create("gw-7", probe, transport, registry, scheduler, settings);
  }

  @Test
  void start_ticks_keepsLatestAndUpdatesGauges() {
    ScriptedProbe probe = new ScriptedProbe();
    probe.script.add(sample(1, 10, 90));
    probe.script.add(sample(2, 20, 80));
    ResourceMonitor m = monitor(probe);
    assertThat(m.latest()).isNull();
    assertThat(registry.get("edge.resource.cpu.system").gauge().value()).isNaN();

    m.start();
    scheduler.advance(0);
    assertThat(m.latest().timeMillis()).isEqualTo(1);
    scheduler.advance(1000);

    assertThat(m.latest().timeMillis()).isEqualTo(2);
    assertThat(registry.get("edge.resource.cpu.system").gauge().value()).isEqualTo(20);
    assertThat(registry.get("edge.resource.cpu.process").gauge().value()).isEqualTo(1.5);
    assertThat(registry.get("edge.resource.memory.rss").gauge().value()).isEqualTo(50_000_000);
    assertThat(registry.get("edge.resource.thermal.max").gauge().value()).isEqualTo(61);
    assertThat(registry.get("edge.resource.battery.level").gauge().value()).isEqualTo(80);
    assertThat(registry.get("edge.resource.power.watts").gauge().value()).isEqualTo(3.5);
    assertThat(registry.get("edge.resource.energy.joules").gauge().value()).isEqualTo(42);
    assertThat(registry.get("edge.resource.probe.problems").gauge().value()).isEqualTo(3);
    assertThat(probe.calls).isEqualTo(2);
  }

  @Test
  void sampleLoop_probeThrows_loopSurvivesCountsAndKeepsLastGoodSample() {
    ScriptedProbe probe = new ScriptedProbe();
    probe.script.add(sample(1, 10, 90));
    probe.script.add(new IllegalStateException("probe exploded"));
    probe.script.add(new StackOverflowError("deeper trouble"));
    probe.script.add(sample(4, 40, 60));
    ResourceMonitor m = monitor(probe);
    m.start();

    scheduler.advance(2000); // ticks at 0, 1000 (throws), 2000 (throws an Error)
    assertThat(m.latest().timeMillis()).isEqualTo(1);
    assertThat(m.failures()).isEqualTo(2);
    assertThat(registry.get("edge.resource.sample.failures").counter().count()).isEqualTo(2);

    scheduler.advance(1000);
    assertThat(m.latest().timeMillis()).isEqualTo(4);
    assertThat(scheduler.activeTasks()).isEqualTo(2); // sampling and telemetry still scheduled
  }

  @Test
  void sampleNow_previousStillRunning_skipsAndCounts() {
    ResourceMonitor[] self = new ResourceMonitor[1];
    boolean[] nested = new boolean[1];
    ResourceProbe reentrant = new ResourceProbe() {
      @Override
      public ResourceSample sample() {
        nested[0] = self[0].sampleNow(); // a tick that fires while this one still runs
        return ResourceMonitorTest.sample(1, 5, 50);
      }

      @Override
      public long problemCount() {
        return 0;
      }
    };
    self[0] = monitor(reentrant);

    assertThat(self[0].sampleNow()).isTrue();
    assertThat(nested[0]).isFalse();
    assertThat(self[0].skippedTicks()).isEqualTo(1);
  }

  @Test
  void telemetry_everyPeriod_publishesJsonOnFleetTelemetryTopic() throws Exception {
    ScriptedProbe probe = new ScriptedProbe();
    probe.script.add(sample(1_700_000_000_000L, 25, 55.5));
    ResourceMonitor m = monitor(probe);
    m.start();

    scheduler.advance(4999);
    assertThat(transport.published).isEmpty();
    scheduler.advance(1);
    scheduler.advance(5000);

    assertThat(transport.published).hasSize(2);
    assertThat(transport.published).extracting(RecordingTransport.Published::topic).containsOnly("fleet/gw-7/telemetry");
    JsonNode json = new ObjectMapper().readTree(transport.published.get(0).payload());
    assertThat(json.get("agent").asText()).isEqualTo("gw-7");
    assertThat(json.get("time").asLong()).isEqualTo(1_700_000_000_000L);
    assertThat(json.at("/cpu/systemPercent").asDouble()).isEqualTo(25);
    assertThat(json.at("/cpu/perCorePercent").size()).isEqualTo(2);
    assertThat(json.at("/memory/rssBytes").asLong()).isEqualTo(50_000_000);
    assertThat(json.at("/thermal/maxCelsius").asDouble()).isEqualTo(61);
    assertThat(json.at("/power/batteryPercent").asDouble()).isEqualTo(55.5);
    assertThat(json.at("/power/status").asText()).isEqualTo("DISCHARGING");
    assertThat(json.get("probeProblems").asLong()).isEqualTo(3);
  }

  @Test
  void telemetry_absentSectionsAndTransportDown_reasonsSentAndFailuresSwallowed() throws Exception {
    ScriptedProbe probe = new ScriptedProbe();
    probe.script.add(sample(5, 1, 1).withPower(null, "no battery and no RAPL"));
    ResourceMonitor m = monitor(probe);
    m.sampleNow();
    m.publishNow();
    JsonNode json = new ObjectMapper().readTree(transport.published.get(0).payload());
    assertThat(json.has("power")).isFalse();
    assertThat(json.at("/absent/power").asText()).isEqualTo("no battery and no RAPL");

    transport.failWith = new TransportException("not connected");
    m.publishNow(); // a failed future
    transport.throwOnPublish = true;
    m.publishNow(); // a throwing transport
    assertThat(m.failures()).isEqualTo(1);
  }

  @Test
  void close_cancelsTicks() {
    ScriptedProbe probe = new ScriptedProbe();
    probe.script.add(sample(1, 10, 90));
    ResourceMonitor m = monitor(probe);
    m.start();
    scheduler.advance(0);
    m.close();
    scheduler.advance(10_000);
    assertThat(probe.calls).isEqualTo(1);
    assertThat(transport.published).isEmpty();
  }
}
