package io.edgeladder.controller.variants.passes;

/** A pass cannot apply to a model; the message names the pass, the node or tensor, and the reason. */
public class PassException extends Exception {

    public PassException(String message) {
        super(message);
    }

    public PassException(String message, Throwable cause) {
        super(message, cause);
    }
}
