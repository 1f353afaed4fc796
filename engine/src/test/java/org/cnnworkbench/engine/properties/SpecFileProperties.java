package org.cnnworkbench.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;

/** A node the model accepts can be saved and read back unchanged: the model holds only what a file can. */
class SpecFileProperties {

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(Arbitraries.of("id", "kind", "inputs", "filters", "p", ""),
                Arbitraries.strings().ofMaxLength(6));
    }

    @Provide
    Arbitrary<Object> values() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(AnyNetworks.wild(),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 1e-300)
                        .map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.strings().ofMaxLength(5).map(Object.class::cast));
        Arbitrary<Object> lists = scalars.list().ofMaxSize(3).map(Object.class::cast);
        return Arbitraries.oneOf(scalars, lists, lists.list().ofMaxSize(2).map(Object.class::cast));
    }

    @Property(tries = 500)
    void everyParameterTheModelAcceptsSurvivesAJsonRoundTrip(@ForAll("names") String name,
                                                             @ForAll("values") Object value)
            throws SpecFormatException {
        Node node;
        try {
            node = Node.of("a", "conv", List.of("data"), Map.of(name, value));
        } catch (IllegalArgumentException refused) {
            return;
        }
        NetworkSpec spec = NetworkSpec.of("n", List.of(node, Node.of("b", "relu", List.of("a"))));

        assertThat(NetworkJson.read(NetworkJson.write(spec), "x").spec()).isEqualTo(spec);
    }
}
