package io.edgeladder.agent.swap;

import io.edgeladder.agent.inference.InferenceException;
import io.edgeladder.agent.inference.LoadedModel;
import io.edgeladder.agent.inference.ModelLoadException;
import io.edgeladder.agent.inference.ModelLoader;
import io.edgeladder.agent.inference.ModelRunner;
import io.edgeladder.agent.inference.ModelSignature;
import io.edgeladder.agent.inference.RunnerOptions;
import io.edgeladder.agent.pipeline.ActiveVariant;
import io.micrometer.core.instrument.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The make half of make-before-break: LOADING (hash, load, signature), WARMING, VALIDATING (golden).
 * Runs on the loader thread only; nothing here touches the serving variant except to read its signature.
 */
final class VariantPreparer {
  /** A step failed; the message is the reason reported in the outcome and the event. */
  static final class StepFailed extends Exception {
    StepFailed(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }

  private final ModelLoader loader;
  private final RunnerOptions options;
  private final Clock clock;
  private final int warmUpRuns;

  VariantPreparer(ModelLoader loader, RunnerOptions options, Clock clock, int warmUpRuns) {
    this.loader = loader;
    this.options = options;
    this.clock = clock;
    this.warmUpRuns = warmUpRuns;
  }

  /** Returns the new variant, warmed and validated, not yet serving; on failure nothing stays open. */
  ActiveVariant prepare(VariantSpec spec, ActiveVariant serving, int workers, VariantLifecycle life)
      throws StepFailed {
    String at = "variant " + spec.id() + " (" + spec.file() + "): ";
    String actual = sha256(spec.file(), at);
    if (!actual.equals(spec.sha256())) {
      throw new StepFailed(at + "sha256 is " + actual + " but " + spec.sha256() + " was expected", null);
    }
    LoadedModel model;
    try {
      model = loader.load(spec.file(), options);
    } catch (ModelLoadException | RuntimeException e) {
      throw new StepFailed(at + "does not load: " + e.getMessage(), e);
    }
    ActiveVariant next = null;
    try {
      checkSignature(model.signature(), serving.signature(), at);
      next = ActiveVariant.of(spec.id(), spec.file(), model, workers);
      life.moveTo(SwapState.WARMING);
      next.warmUp(warmUpRuns, clock);
      life.moveTo(SwapState.VALIDATING);
      checkGolden(model, spec, at);
      return next;
    } catch (StepFailed | InferenceException | RuntimeException e) {
      if (next != null) {
        next.close();
      } else {
        model.close();
      }
      if (e instanceof StepFailed f) {
        throw f;
      }
      throw new StepFailed(at + "fails in " + life.state() + ": " + e.getMessage(), e);
    }
  }

  private static void checkSignature(ModelSignature got, ModelSignature want, String at) throws StepFailed {
    if (!Arrays.equals(got.inputShape(), want.inputShape()) || !Arrays.equals(got.outputShape(), want.outputShape())) {
      throw new StepFailed(at + "signature input " + Arrays.toString(got.inputShape()) + " output "
          + Arrays.toString(got.outputShape()) + " does not match the pipeline's input "
          + Arrays.toString(want.inputShape()) + " output " + Arrays.toString(want.outputShape()), null);
    }
  }

  private static void checkGolden(LoadedModel model, VariantSpec spec, String at)
      throws StepFailed, InferenceException {
    float[] in = spec.goldenInput();
    float[] want = spec.goldenOutput();
    ModelSignature sig = model.signature();
    if (in.length != sig.inputSize() || want.length != sig.outputSize()) {
      throw new StepFailed(at + "golden input/output have " + in.length + "/" + want.length
          + " values but the model takes " + sig.inputSize() + " and gives " + sig.outputSize(), null);
    }
    float[] got = run(model, in);
    for (int i = 0; i < got.length; i++) {
      float d = Math.abs(got[i] - want[i]);
      float allowed = spec.tolerance() * Math.max(1f, Math.abs(want[i]));
      if (!(d <= allowed)) {
        throw new StepFailed(at + "golden check failed: output[" + i + "] is " + got[i] + " but " + want[i]
            + " was expected (|diff| " + d + " > allowed " + allowed + ")", null);
      }
    }
  }

  /** One run on a throw-away runner (cold path: the serving workers' runners are theirs alone). */
  static float[] run(LoadedModel model, float[] in) throws InferenceException {
    float[] out = new float[model.signature().outputSize()];
    try (ModelRunner r = model.newRunner()) {
      r.run(in, out);
    }
    return out;
  }

  static String sha256(Path file, String at) throws StepFailed {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new StepFailed(at + "cannot be read: " + e, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
