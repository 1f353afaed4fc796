package org.cnnworkbench.engine.kinds;

/**
 * A layer cannot be computed for its inputs and parameters. The message is shown to the user as a
 * diagnostic on the node, so it states what is wrong in the user's terms, with the arithmetic.
 */
public final class LayerException extends Exception {

    public LayerException(String message) {
        super(message);
    }
}
