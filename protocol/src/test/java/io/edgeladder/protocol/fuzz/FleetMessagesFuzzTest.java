package io.edgeladder.protocol.fuzz;

import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.InferenceResult;
import io.edgeladder.protocol.InferenceResultWriter;
import io.edgeladder.protocol.JsonBuffer;
import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.fleet.AgentBirth;
import io.edgeladder.protocol.fleet.DesiredState;
import io.edgeladder.protocol.fleet.FleetSamples;
import io.edgeladder.protocol.fleet.Heartbeat;
import io.edgeladder.protocol.fleet.PipelineDesired;
import io.edgeladder.protocol.fleet.ReportedState;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Fleet messages from mutated valid samples (issue 6, fuzzing): every payload either decodes into a record
 * that writes back to the same record, or is a {@link ProtocolException} naming the message type and the
 * field ({@link Oracle}); nothing else escapes.
 */
@AddLifecycleHook(FuzzTriesHook.class)
class FleetMessagesFuzzTest {
  private Tally tally;

  @Property(shrinking = ShrinkingMode.OFF)
  @FuzzTries(shortPass = 3_000, fullPass = 100_000)
  void desiredState_mutated_decodesOrNamesField(@ForAll("desired") Payload p) {
    check("DesiredState", p, DesiredState::parse, DesiredState::toJson);
  }

  @Property(shrinking = ShrinkingMode.OFF)
  @FuzzTries(shortPass = 2_000, fullPass = 60_000)
  void agentBirth_mutated_decodesOrNamesField(@ForAll("birth") Payload p) {
    check("AgentBirth", p, AgentBirth::parse, AgentBirth::toJson);
  }

  @Property(shrinking = ShrinkingMode.OFF)
  @FuzzTries(shortPass = 2_000, fullPass = 60_000)
  void heartbeat_mutated_decodesOrNamesField(@ForAll("heartbeat") Payload p) {
    check("Heartbeat", p, Heartbeat::parse, Heartbeat::toJson);
  }

  @Property(shrinking = ShrinkingMode.OFF)
  @FuzzTries(shortPass = 2_000, fullPass = 60_000)
  void reportedState_mutated_decodesOrNamesField(@ForAll("reported") Payload p) {
    check("ReportedState", p, ReportedState::parse, ReportedState::toJson);
  }

  @Property(shrinking = ShrinkingMode.OFF)
  @FuzzTries(shortPass = 2_000, fullPass = 60_000)
  void agentEvent_mutated_decodesOrJsonError(@ForAll("event") Payload p) {
    if (tally == null) tally = new Tally("AgentEvent");
    AgentEvent e;
    try {
      e = AgentEvent.parse(p.bytes());
    } catch (IOException ex) {
      Oracle.allowedCause(ex, p);
      tally.rejected(ex.getClass().getSimpleName());
      return;
    }
    tally.accepted();
    e.toJson(); // what a controller re-publishes (API, server-sent events) must write
  }

  @Property(shrinking = ShrinkingMode.OFF)
  @FuzzTries(shortPass = 1_000, fullPass = 40_000)
  void inferenceResult_mutated_decodesOrJsonError(@ForAll("result") Payload p) {
    if (tally == null) tally = new Tally("InferenceResult");
    try {
      InferenceResult.parse(p.bytes());
      tally.accepted();
    } catch (IOException ex) {
      Oracle.allowedCause(ex, p);
      tally.rejected(ex.getClass().getSimpleName());
    }
  }

  @Provide
  Arbitrary<Payload> event() {
    return JsonMutator.of(new AgentEvent("gw-1", "release.rejected", 1_700_000_000_000L, "pump-1", "bad signature",
        Map.of("reason", "bad_signature", "counts", List.of(1, 2), "nested", Map.of("a", 1.5))).toJson()).payloads();
  }

  @Provide
  Arbitrary<Payload> result() {
    InferenceResultWriter w = new InferenceResultWriter("gw-1", "pump-1", "vibration-cnn", List.of("ok", "fault"));
    w.variant("int8", FleetSamples.SHA_A);
    JsonBuffer b = w.write(7, 1000, 1999, 120, 850, true, 1, new float[] {0.25f, 0.75f});
    return JsonMutator.of(Arrays.copyOf(b.array(), b.length())).payloads();
  }

  @Provide
  Arbitrary<Payload> desired() {
    return JsonMutator.of(FleetSamples.desired().toJson(),
        new DesiredState("gw-1", 1, FleetSamples.T0, List.of()).toJson(),
        new DesiredState("gw-1", 9, FleetSamples.T0, List.of(new PipelineDesired("pump-1", "m", null, null),
            new PipelineDesired("pump-2", "m", FleetSamples.SHA_A, FleetSamples.bounds()))).toJson()).payloads();
  }

  @Provide
  Arbitrary<Payload> birth() {
    return JsonMutator.of(FleetSamples.birth().toJson()).payloads();
  }

  @Provide
  Arbitrary<Payload> heartbeat() {
    return JsonMutator.of(FleetSamples.heartbeat().toJson()).payloads();
  }

  @Provide
  Arbitrary<Payload> reported() {
    return JsonMutator.of(FleetSamples.reported().toJson()).payloads();
  }

  @AfterProperty
  void report() {
    if (tally != null) tally.print();
  }

  /** A parser of one message type. */
  interface Parser<T> {
    T parse(byte[] payload) throws ProtocolException;
  }

  private <T> void check(String type, Payload p, Parser<T> parser, Function<T, byte[]> writer) {
    if (tally == null) tally = new Tally(type);
    T value;
    try {
      value = parser.parse(p.bytes());
    } catch (ProtocolException e) {
      tally.rejected(Oracle.protocolRejection(type, e, p));
      return;
    }
    tally.accepted();
    T again;
    try {
      again = parser.parse(writer.apply(value));
    } catch (ProtocolException e) {
      throw new AssertionError("accepted " + type + " does not read back after writing: " + e.getMessage()
          + "\ninput " + p, e);
    }
    if (!again.equals(value)) {
      throw new AssertionError("accepted " + type + " changes in a write/read round trip: " + value + " vs " + again
          + "\ninput " + p);
    }
  }
}
