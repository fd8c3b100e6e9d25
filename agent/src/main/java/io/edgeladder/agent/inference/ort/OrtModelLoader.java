package io.edgeladder.agent.inference.ort;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.edgeladder.agent.inference.LoadedModel;
import io.edgeladder.agent.inference.ModelLoadException;
import io.edgeladder.agent.inference.ModelLoader;
import io.edgeladder.agent.inference.ModelSignature;
import io.edgeladder.agent.inference.RunnerOptions;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Loads ONNX files into ONNX Runtime CPU sessions, all on one process-wide {@link OrtEnvironment}.
 *
 * <p>The file is read once into memory: the bytes are hashed (sha256) and the session is built from the
 * same bytes, so the hash always describes what runs, even if the file is replaced meanwhile.
 * Thread-safe; {@link #load} is slow (graph optimisation) and belongs off the hot path.
 */
public final class OrtModelLoader implements ModelLoader {
  private final OrtEnvironment env;

  private OrtModelLoader(OrtEnvironment env) {
    this.env = env;
  }

  /** A loader on the shared ORT environment (created on first use, lives as long as the process). */
  public static OrtModelLoader of() {
    return new OrtModelLoader(OrtEnvironment.getEnvironment());
  }

  /** The ONNX Runtime native library's version, e.g. {@code 1.29.0} (announced in the agent's birth). */
  public static String runtimeVersion() {
    return OrtEnvironment.getEnvironment().getVersion();
  }

  @Override
  public LoadedModel load(Path file, RunnerOptions options) throws ModelLoadException {
    byte[] bytes = read(file);
    String sha256 = sha256(bytes);
    OrtSession.SessionOptions sessionOptions;
    try {
      sessionOptions = OrtSessionOptions.of(options);
    } catch (OrtException e) {
      throw new ModelLoadException("model " + file + ": cannot apply runner options " + options + ": "
          + e.getMessage(), e);
    }
    OrtSession session = null;
    try {
      session = env.createSession(bytes, sessionOptions);
      ModelSignature signature = SignatureCheck.check(file.toString(), session);
      return new OrtLoadedModel(file.toString(), sha256, env, session, sessionOptions, signature);
    } catch (OrtException e) {
      closeQuietly(session, sessionOptions);
      throw new ModelLoadException("model " + file + ": not a loadable ONNX model (" + e.getMessage() + ")", e);
    } catch (ModelLoadException | RuntimeException e) {
      closeQuietly(session, sessionOptions);
      throw e;
    }
  }

  private static byte[] read(Path file) throws ModelLoadException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ModelLoadException("model " + file + ": file not found", e);
    } catch (AccessDeniedException e) {
      throw new ModelLoadException("model " + file + ": permission denied", e);
    } catch (IOException e) {
      throw new ModelLoadException("model " + file + ": cannot read file (" + e + ")", e);
    }
    if (bytes.length == 0) {
      throw new ModelLoadException("model " + file + ": file is empty (0 bytes)");
    }
    return bytes;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private static void closeQuietly(OrtSession session, OrtSession.SessionOptions options) {
    try {
      if (session != null) session.close();
    } catch (OrtException | RuntimeException ignored) {
      // already failing with a better error; the session is unusable either way
    }
    options.close();
  }
}
