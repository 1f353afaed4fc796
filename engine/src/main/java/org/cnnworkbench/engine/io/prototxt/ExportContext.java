package org.cnnworkbench.engine.io.prototxt;

/** What a {@link CaffeMapping} may ask of the exporter while it writes a node. */
public interface ExportContext {

    /**
     * A layer name not used yet in the file: {@code wanted}, or the first free {@code wanted~2}, {@code ~3}, ...
     * (node ids are taken from the start, so a helper layer never shares a node's name).
     */
    String layerName(String wanted);
}
