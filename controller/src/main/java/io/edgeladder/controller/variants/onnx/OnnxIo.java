package io.edgeladder.controller.variants.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes ONNX model files through the protobuf classes of {@code tribuo-util-onnx}.
 * All methods are stateless and thread-safe.
 */
public final class OnnxIo {

    private OnnxIo() {
    }

    /**
     * @throws OnnxFormatException naming the file when it is missing, unreadable, truncated, not ONNX, or holds what
     *     the IR cannot represent (external or sparse tensor data)
     */
    public static OnnxModel read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new OnnxFormatException("onnx: model file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new OnnxFormatException("onnx: cannot read model file " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes, file.toString());
    }

    /** Parses model bytes; errors name the origin {@code "<bytes>"}. */
    public static OnnxModel read(byte[] bytes) {
        return parse(bytes, "<bytes>");
    }

    /** Parses model bytes, naming {@code origin} in errors. */
    public static OnnxModel read(byte[] bytes, String origin) {
        return parse(bytes, origin);
    }

    /**
     * Writes the model atomically: to a temporary file beside {@code file}, then moved over it, so readers never see a
     * half-written model. Parent directories are created.
     *
     * @throws UncheckedIOException if writing fails (the temporary file is removed)
     */
    public static void write(OnnxModel model, Path file) {
        writeBytes(model.toBytes(), file);
    }

    /** Atomic write of raw model bytes (see {@link #write(OnnxModel, Path)}). */
    public static void writeBytes(byte[] bytes, Path file) {
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new UncheckedIOException("onnx: cannot write model to " + file + ": " + e.getMessage(), e);
        }
    }

    private static OnnxModel parse(byte[] bytes, String origin) {
        if (bytes.length == 0) {
            throw new OnnxFormatException("onnx: " + origin + " is empty");
        }
        ModelProto proto;
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.setSizeLimit(Integer.MAX_VALUE);
            proto = ModelProto.parseFrom(in);
            in.checkLastTagWas(0);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxFormatException("onnx: " + origin + " is not a valid ONNX model (protobuf parse failed: "
                    + e.getMessage() + "; truncated or not ONNX?)", e);
        } catch (IOException e) {
            throw new OnnxFormatException("onnx: cannot parse " + origin + ": " + e.getMessage(), e);
        }
        if (!proto.hasGraph() || proto.getIrVersion() == 0) {
            throw new OnnxFormatException("onnx: " + origin + " is not an ONNX model (no "
                    + (proto.hasGraph() ? "ir_version" : "graph") + " field)");
        }
        try {
            return OnnxModel.of(proto, origin);
        } catch (OnnxFormatException e) {
            throw new OnnxFormatException(e.getMessage() + " (in " + origin + ")", e);
        }
    }
}
