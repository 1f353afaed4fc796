package org.cnnworkbench.engine.io.prototxt;

import java.util.Optional;
import org.cnnworkbench.engine.model.Shape;

/** What a {@link CaffeMapping} may ask of the exporter while it writes a node. */
public interface ExportContext {

    /**
     * A layer name not used yet in the file: {@code wanted}, or the first free {@code wanted~2}, {@code ~3}, ...
     * (node ids are taken from the start, so a helper layer never shares a node's name).
     */
    String layerName(String wanted);

    /**
     * The output shape of a node of the exported network (composites expanded) as the analysis computes it, e.g.
     * of a node's input, for a layer whose Caffe parameters depend on it (a depthwise convolution's
     * {@code num_output} and {@code group} are its input channels); empty where the analysis found no shape.
     */
    Optional<Shape> outputShape(String nodeId);
}
