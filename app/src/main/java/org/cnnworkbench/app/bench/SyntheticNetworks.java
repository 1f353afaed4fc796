package org.cnnworkbench.app.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;

/** Large generated networks for benchmarks. */
public final class SyntheticNetworks {

    private SyntheticNetworks() {
    }

    /**
     * A chain of {@code size} nodes: a 16x32x32 input, then alternately a 3x3 conv (16 filters, pad 1, ReLU)
     * and a batch norm. Node ids are {@code n0}, {@code n1}, ...; odd ids are convolutions.
     */
    public static NetworkSpec chain(int size) {
        List<Node> nodes = new ArrayList<>(size);
        nodes.add(Node.of("n0", "input", List.of(), Map.of("channels", 16, "height", 32, "width", 32)));
        for (int i = 1; i < size; i++) {
            List<String> input = List.of("n" + (i - 1));
            nodes.add(i % 2 == 1
                    ? Node.of("n" + i, "conv", input, Map.of("filters", 16, "kernel", 3, "pad", 1, "activation", "relu"))
                    : Node.of("n" + i, "batchnorm", input));
        }
        return NetworkSpec.of("chain-" + size, nodes);
    }
}
