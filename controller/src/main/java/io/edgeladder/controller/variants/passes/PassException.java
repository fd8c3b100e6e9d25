package io.edgeladder.controller.variants.passes;

/** A pass cannot rewrite a model; the message names the pass and the reason (the op, node or value at fault). */
public class PassException extends Exception {

    public PassException(String message) {
        super(message);
    }

    public PassException(String message, Throwable cause) {
        super(message, cause);
    }
}
