package io.edgeladder.agent.inference.ort;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.ExecutionMode;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.edgeladder.agent.inference.RunnerOptions;

/** Maps our {@link RunnerOptions} onto ORT session options. */
final class OrtSessionOptions {
  /** ORT session config keys (onnxruntime_session_options_config_keys.h). */
  static final String INTRA_OP_SPINNING = "session.intra_op.allow_spinning";

  static final String INTER_OP_SPINNING = "session.inter_op.allow_spinning";

  private OrtSessionOptions() {}

  /** New options; the caller owns them and closes them only after the session that uses them. */
  static SessionOptions of(RunnerOptions options) throws OrtException {
    SessionOptions so = new SessionOptions();
    try {
      so.setIntraOpNumThreads(options.intraOpThreads());
      so.setInterOpNumThreads(options.interOpThreads());
      // Inter-op threads only matter in PARALLEL mode; one inter-op thread means plain sequential
      // execution, which is also the lower-latency choice for small convolutional graphs.
      so.setExecutionMode(options.interOpThreads() > 1 ? ExecutionMode.PARALLEL : ExecutionMode.SEQUENTIAL);
      so.setOptimizationLevel(optLevel(options.optimization()));
      // Spinning keeps idle pool threads busy-waiting for work: lower wake-up latency, but it burns a
      // core that a gateway needs for ingest and MQTT, so it is opt-in.
      String spin = options.spinning() ? "1" : "0";
      so.addConfigEntry(INTRA_OP_SPINNING, spin);
      so.addConfigEntry(INTER_OP_SPINNING, spin);
      // Static shapes (checked at load) let the memory planner reuse one allocation pattern per run,
      // and the arena keeps intermediate buffers from going back to malloc between windows.
      so.setMemoryPatternOptimization(true);
      so.setCPUArenaAllocator(true);
      return so;
    } catch (OrtException | RuntimeException e) {
      so.close();
      throw e;
    }
  }

  static OptLevel optLevel(RunnerOptions.Optimization optimization) {
    return switch (optimization) {
      case NONE -> OptLevel.NO_OPT;
      case BASIC -> OptLevel.BASIC_OPT;
      case EXTENDED -> OptLevel.EXTENDED_OPT;
      case ALL -> OptLevel.ALL_OPT;
    };
  }
}
