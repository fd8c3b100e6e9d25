package io.edgeladder.agent.control;

import io.edgeladder.agent.monitor.linux.HostFacts;
import io.edgeladder.protocol.fleet.AgentBirth;
import io.edgeladder.protocol.fleet.Hardware;
import io.edgeladder.protocol.fleet.PipelineInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of an agent's birth message that do not change while the process runs: who (id, a random
 * incarnation per process start, start time, versions), on what ({@link HostFacts} read once from
 * {@code /proc}) and with which labels and trusted key. Immutable.
 */
record BirthFacts(String agentId, String incarnation, Instant startedAt, String agentVersion, String java,
    String ortVersion, Hardware hardware, Map<String, String> labels, String publicKeyId) {
  private static final Logger log = LoggerFactory.getLogger(BirthFacts.class);

  BirthFacts {
    labels = Map.copyOf(labels);
  }

  /**
   * @param procRoot the folder holding {@code proc/} ({@code /} on a device)
   * @param ortVersion the ONNX Runtime version the inference adapter reports
   * @param publicKeyId the trusted controller key's id, or null
   */
  static BirthFacts of(String agentId, Path procRoot, Instant startedAt, String ortVersion, Map<String, String> labels,
      String publicKeyId) {
    HostFacts host = HostFacts.read(procRoot);
    if (!host.problems().isEmpty()) log.info("hardware facts incomplete: {}", host.problems());
    String version = BirthFacts.class.getPackage().getImplementationVersion();
    Hardware hw = new Hardware(host.cpuModel(), Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.arch"), System.getProperty("os.name") + " " + System.getProperty("os.version"),
        host.memoryBytes(), host.cpuFlags());
    return new BirthFacts(agentId, UUID.randomUUID().toString(), startedAt, version == null ? "dev" : version,
        Runtime.version().toString(), ortVersion, hw, labels, publicKeyId);
  }

  AgentBirth birth(List<PipelineInfo> pipelines, List<String> installed) {
    return new AgentBirth(agentId, incarnation, startedAt, agentVersion, java, ortVersion, hardware, labels,
        pipelines, installed, publicKeyId);
  }
}
