package org.cnnworkbench.engine.data;

import java.nio.file.Path;

/** An image file and its class index (not yet decoded). */
public record ImageEntry(Path path, int label) {
}
