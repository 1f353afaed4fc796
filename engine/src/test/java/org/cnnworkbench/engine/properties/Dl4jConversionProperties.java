package org.cnnworkbench.engine.properties;

import org.cnnworkbench.engine.dl4j.ConvertedGraph;
import org.cnnworkbench.engine.dl4j.Dl4jConverter;
import org.cnnworkbench.engine.dl4j.Dl4jParity;
import org.deeplearning4j.nn.graph.ComputationGraph;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random valid networks convert to DL4J with the engine's parameter count and activation shapes. */
class Dl4jConversionProperties {

    @Provide
    Arbitrary<ValidNetwork> networks() {
        return Networks.valid(15);
    }

    @Property(tries = 30)
    void convertedNetworkHasTheEnginesParamCountAndShapes(@ForAll("networks") ValidNetwork network)
            throws Exception {
        ConvertedGraph converted = Dl4jConverter.convert(network.spec());
        ComputationGraph graph = converted.newGraph();

        Dl4jParity.assertParamsEqual(converted, graph);
        Dl4jParity.assertActivationShapesEqual(converted, graph);
    }
}
