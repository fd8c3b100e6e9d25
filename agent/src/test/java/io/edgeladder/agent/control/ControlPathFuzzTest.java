package io.edgeladder.agent.control;

import io.edgeladder.agent.testing.RecordingTransport;
import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.dist.Rejection;
import io.edgeladder.protocol.dist.SignedRelease;
import io.edgeladder.protocol.dist.VerificationException;
import io.edgeladder.protocol.dist.Verifier;
import io.edgeladder.protocol.fleet.DesiredState;
import io.edgeladder.protocol.fleet.FleetSamples;
import io.edgeladder.protocol.fleet.PipelineDesired;
import io.edgeladder.protocol.fuzz.FuzzTries;
import io.edgeladder.protocol.fuzz.FuzzTriesHook;
import io.edgeladder.protocol.fuzz.JsonMutator;
import io.edgeladder.protocol.fuzz.Payload;
import io.edgeladder.protocol.fuzz.ReleaseSamples;
import io.edgeladder.protocol.fuzz.Tally;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * The agent's control path under hostile fleet messages (issue 6, fuzzing). Desired states: every payload on
 * {@code fleet/gw-1/desired} is counted exactly once in {@code edge.control.desired{outcome}} as
 * {@code invalid}, {@code foreign} or {@code stale}, as an independent parse says (the applied version is at
 * the top, so nothing valid is newer). Manifests: every payload on {@code models/{sha}/manifest} is either
 * the signed release (verified, then its download starts) or counted exactly once in
 * {@code edge.control.releases.rejected{reason}} with the reason the verifier names.
 */
@AddLifecycleHook(FuzzTriesHook.class)
class ControlPathFuzzTest {
  private static final String AGENT = "gw-1";
  private static final Verifier VERIFIER = Verifier.of(ReleaseSamples.TRUSTED.getPublic());
  private static final SignedRelease SIGNED = ReleaseSamples.SIGNER.sign(ReleaseSamples.RELEASE);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RecordingTransport transport = new RecordingTransport();
  private final ControlEvents events = new ControlEvents(AGENT, transport, registry, new MockClock());
  private ScheduledExecutorService control;
  private Path dir;
  private Installer installer;
  private DesiredStateHandler handler;
  private Tally tally;

  @Property(shrinking = ShrinkingMode.OFF)
  @FuzzTries(shortPass = 3_000, fullPass = 60_000)
  void onDesired_mutated_countedOnceAsTheParseSays(@ForAll("desired") Payload p) throws IOException {
    if (handler == null) {
      setUp();
      ControlState state = new ControlState(AGENT, dir, Map.of(), Map.of(), null, installer.cache,
          new AppliedState(Long.MAX_VALUE, List.of()), events, new MockClock());
      handler = new DesiredStateHandler(AGENT, state, new PipelineApplier(Map.of(), Map.of(), Map.of(), null, events),
          installer, events, null, control, new MockClock(), 1000);
      tally = new Tally("agent-desired");
    }
    String expected;
    try {
      DesiredState d = DesiredState.parse(p.bytes());
      expected = d.agentId().equals(AGENT) ? "stale" : "foreign";
    } catch (ProtocolException e) {
      expected = "invalid";
    }
    Map<String, Double> before = counts("edge.control.desired", "outcome");
    handler.onDesired(p.bytes());
    assertMovedOnce("edge.control.desired", "outcome", before, expected, p);
    tally.rejected(expected);
    clearPublished();
  }

  @Property(shrinking = ShrinkingMode.OFF)
  @FuzzTries(shortPass = 2_000, fullPass = 40_000)
  void onManifest_mutated_verifiedOrCountedOnceWithReason(@ForAll("manifest") Payload p) throws IOException {
    if (installer == null) {
      setUp();
      tally = new Tally("agent-manifest");
    }
    String expected = null;
    try {
      VERIFIER.verify(SignedRelease.parse(p.bytes()), SIGNED.releaseSha());
    } catch (ProtocolException e) {
      expected = Rejection.MALFORMED_RELEASE.tag();
    } catch (VerificationException e) {
      expected = e.reason().tag();
    }
    Map<String, Double> before = counts("edge.control.releases.rejected", "reason");
    ReleaseDownload download = new ReleaseDownload(SIGNED.releaseSha(), installer);
    download.onManifest(p.bytes());
    if (expected == null) {
      if (download.done().isCompletedExceptionally() || download.artifactShas().isEmpty()) {
        throw new AssertionError("a verified manifest did not start its download\ninput " + p);
      }
      download.cancel();
      if (!counts("edge.control.releases.rejected", "reason").equals(before)) {
        throw new AssertionError("a verified manifest was counted as rejected\ninput " + p);
      }
      tally.accepted();
    } else {
      assertMovedOnce("edge.control.releases.rejected", "reason", before, expected, p);
      if (!download.done().isCompletedExceptionally()) {
        throw new AssertionError("a rejected manifest left its install pending\ninput " + p);
      }
      tally.rejected(expected);
    }
    clearPublished();
  }

  @Provide
  Arbitrary<Payload> desired() {
    return JsonMutator.of(FleetSamples.desired().toJson(),
        new DesiredState(AGENT, 3, FleetSamples.T0, List.of(new PipelineDesired("pump-1", "m", null, null))).toJson())
        .payloads();
  }

  @Provide
  Arbitrary<Payload> manifest() {
    return JsonMutator.of(SIGNED.toJson()).payloads();
  }

  @AfterProperty
  void tearDown() throws Exception {
    if (tally != null) tally.print();
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ControlEvents.class)).setLevel(null);
    if (control != null) control.shutdownNow();
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private void setUp() throws IOException {
    // thousands of rejections per second: the counters are under test, the log line per rejection is not
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ControlEvents.class))
        .setLevel(ch.qos.logback.classic.Level.ERROR);
    dir = Files.createTempDirectory("fuzz-control");
    control = Executors.newSingleThreadScheduledExecutor();
    installer = new Installer(transport, control, VERIFIER, ArtifactCache.open(dir.resolve("cache"), 1 << 30), dir,
        events, 60_000);
  }

  private Map<String, Double> counts(String name, String tag) {
    Map<String, Double> out = new java.util.TreeMap<>();
    for (Counter c : registry.find(name).counters()) out.put(c.getId().getTag(tag), c.count());
    return out;
  }

  private void assertMovedOnce(String name, String tag, Map<String, Double> before, String expected, Payload p) {
    Map<String, Double> after = counts(name, tag);
    for (String k : after.keySet()) {
      double delta = after.get(k) - before.getOrDefault(k, 0.0);
      double want = k.equals(expected) ? 1 : 0;
      if (delta != want) {
        throw new AssertionError(name + "{" + tag + "=" + k + "} moved by " + delta + ", expected " + want
            + " (oracle: " + expected + ")\ninput " + p);
      }
    }
    if (!after.containsKey(expected)) throw new AssertionError(name + "{" + tag + "=" + expected + "} never counted\ninput " + p);
  }

  private void clearPublished() {
    synchronized (transport) {
      transport.published.clear();
    }
  }
}
