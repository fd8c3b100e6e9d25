package io.edgeladder.controller.variants.onnx;

/** ONNX Runtime refused to load (or run) a model that a pass produced; the message carries ORT's reason. */
public class ModelCheckException extends RuntimeException {

    public ModelCheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
