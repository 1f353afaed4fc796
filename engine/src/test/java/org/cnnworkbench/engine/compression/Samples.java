package org.cnnworkbench.engine.compression;

import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.testing.Nets;

/** The sample networks the compression tests use. */
final class Samples {

    private Samples() {
    }

    static NetworkSpec sample(String name) {
        try {
            return NetworkJson.read(Nets.SAMPLES.resolve(name + ".json")).spec();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read sample " + name, e);
        }
    }
}
