package io.edgeladder.controller.variants.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads models in ONNX Runtime (CPU, one thread, all graph optimisations) to prove they are usable. Every model a
 * pass produces goes through here before it is written or ranked. Thread-safe.
 */
public final class ModelCheck {

    private ModelCheck() {
    }

    /**
     * @throws ModelCheckException naming {@code origin} and quoting ORT's reason when ORT refuses the model
     */
    public static void loadsInOrt(byte[] model, String origin) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            opts.setInterOpNumThreads(1);
            try (OrtSession session = env.createSession(model, opts)) {
                session.getInputInfo(); // touch metadata so a broken signature surfaces here
            }
        } catch (OrtException e) {
            throw new ModelCheckException("onnxruntime refused model " + origin + ": " + e.getMessage(), e);
        }
    }

    public static void loadsInOrt(byte[] model) {
        loadsInOrt(model, "<bytes>");
    }

    public static void loadsInOrt(OnnxModel model) {
        loadsInOrt(model.toBytes(), model.origin());
    }

    public static void loadsInOrt(Path file) {
        try {
            loadsInOrt(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("model check: cannot read " + file, e);
        }
    }
}
