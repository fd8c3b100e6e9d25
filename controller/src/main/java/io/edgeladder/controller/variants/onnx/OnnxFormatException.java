package io.edgeladder.controller.variants.onnx;

/**
 * An ONNX model could not be read, written or represented: malformed or truncated protobuf, an unknown data type,
 * external tensor data, a graph the IR cannot hold. The message names the file (when known) and what failed.
 */
public class OnnxFormatException extends RuntimeException {

    public OnnxFormatException(String message) {
        super(message);
    }

    public OnnxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
