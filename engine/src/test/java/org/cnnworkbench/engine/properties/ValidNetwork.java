package org.cnnworkbench.engine.properties;

import java.util.Map;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Shape;

/** A generated valid network and the output shape the generator expects for each node. */
record ValidNetwork(NetworkSpec spec, Map<String, Shape> expectedShapes) {

    /** The spec as JSON, so that a failing example can be pasted into a file and opened. */
    @Override
    public String toString() {
        return NetworkJson.write(spec);
    }
}
