package org.cnnworkbench.engine.whatif;

/** Two networks that cannot be compared; the message says why, for people. */
public final class IncomparableNetworksException extends IllegalArgumentException {

    public IncomparableNetworksException(String message) {
        super(message);
    }
}
