package io.edgeladder.protocol;

import io.edgeladder.protocol.dist.Artifact;
import io.edgeladder.protocol.dist.DistSamples;
import io.edgeladder.protocol.dist.KeyFiles;
import io.edgeladder.protocol.dist.Release;
import io.edgeladder.protocol.dist.SignedRelease;
import io.edgeladder.protocol.dist.Signer;
import io.edgeladder.protocol.fleet.AgentBirth;
import io.edgeladder.protocol.fleet.Bounds;
import io.edgeladder.protocol.fleet.DesiredState;
import io.edgeladder.protocol.fleet.FleetSamples;
import io.edgeladder.protocol.fleet.Hardware;
import io.edgeladder.protocol.fleet.Heartbeat;
import io.edgeladder.protocol.fleet.PipelineDesired;
import io.edgeladder.protocol.fleet.PipelineInfo;
import io.edgeladder.protocol.fleet.PipelineKpi;
import io.edgeladder.protocol.fleet.PipelineReported;
import io.edgeladder.protocol.fleet.ReportedState;
import io.edgeladder.protocol.ladder.LadderManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Each message record with its JSON as written on the wire (by the writer the sender uses). */
final class MessageSamples {
  private MessageSamples() {}

  static Map<Class<? extends Record>, byte[]> all(Path dir) throws IOException {
    Map<Class<? extends Record>, byte[]> m = new LinkedHashMap<>();
    AgentBirth birth = FleetSamples.birth();
    m.put(AgentBirth.class, birth.toJson());
    m.put(Hardware.class, ProtocolJson.write(birth.hardware()));
    m.put(PipelineInfo.class, ProtocolJson.write(birth.pipelines().get(0)));
    Heartbeat heartbeat = FleetSamples.heartbeat();
    m.put(Heartbeat.class, heartbeat.toJson());
    m.put(PipelineKpi.class, ProtocolJson.write(heartbeat.pipelines().get(0)));
    DesiredState desired = FleetSamples.desired();
    m.put(DesiredState.class, desired.toJson());
    m.put(PipelineDesired.class, ProtocolJson.write(desired.pipelines().get(0)));
    m.put(Bounds.class, ProtocolJson.write(desired.pipelines().get(0).bounds()));
    ReportedState reported = FleetSamples.reported();
    m.put(ReportedState.class, reported.toJson());
    m.put(PipelineReported.class, ProtocolJson.write(reported.pipelines().get(0)));
    Release release = DistSamples.release(dir);
    SignedRelease signed = Signer.of(KeyFiles.generate()).sign(release);
    m.put(SignedRelease.class, signed.toJson());
    m.put(Release.class, release.toJson());
    m.put(Artifact.class, ProtocolJson.write(release.artifacts().get(0)));
    m.put(LadderManifest.class, release.ladder().toJson());
    m.put(AgentEvent.class, new AgentEvent("gw-1", "release.rejected", 1_700_000_000_000L, "pump-1",
        "bad signature", Map.of("reason", "bad_signature")).toJson());
    InferenceResultWriter w = new InferenceResultWriter("gw-1", "pump-1", "vibration-cnn", List.of("ok", "fault"));
    w.variant("int8", FleetSamples.SHA_A);
    JsonBuffer b = w.write(7, 1000, 1999, 120, 850, true, 1, new float[] {0.25f, 0.75f});
    m.put(InferenceResult.class, Arrays.copyOf(b.array(), b.length()));
    return m;
  }
}
