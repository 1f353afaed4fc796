package org.cnnworkbench.engine.data;

import java.io.IOException;

/** A data set that is not where it should be; the message says how to get it. */
public final class DatasetMissingException extends IOException {

    public DatasetMissingException(String message) {
        super(message);
    }
}
