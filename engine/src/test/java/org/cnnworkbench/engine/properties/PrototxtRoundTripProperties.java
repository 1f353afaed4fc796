package org.cnnworkbench.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.statistics.Statistics;
import org.cnnworkbench.engine.analysis.SpecExpander;
import org.cnnworkbench.engine.io.prototxt.FireRecognition;
import org.cnnworkbench.engine.io.prototxt.Normalised;
import org.cnnworkbench.engine.io.prototxt.PrototxtExporter;
import org.cnnworkbench.engine.io.prototxt.PrototxtImporter;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * Exporting a valid spec to Caffe prototxt and importing the file gives the spec back. "The same" is exact for
 * ids, kinds, the order of nodes and of their inputs, and every parameter value; parameters are compared with
 * their defaults filled in ({@link Normalised}), because the file writes only what Caffe needs, so that
 * {@code "stride": 1} and a stride left to its default, or {@code 3} and {@code [3, 3]}, are the same. The
 * description is not compared (Caffe has none; the import says where it came from).
 *
 * <p>Composites are the one place where the file cannot say everything: the export writes a fire module as its
 * primitive layers. Without Fire recognition the import is therefore exactly the spec with its composites
 * expanded. With it (the default) the import is the expanded spec with every squeeze/expand/concat pattern
 * recognised as a fire node again, which is the spec itself unless the spec has such a pattern built of
 * primitive nodes, or a fire followed only by an add of its own input (which is read back as a fire with
 * bypass); the statistics of the second property show how often that happens among the generated networks.
 */
class PrototxtRoundTripProperties {

    private static final KindRegistry KINDS = KindRegistry.standard();

    @Provide
    Arbitrary<ValidNetwork> networks() {
        return Networks.valid();
    }

    private static NetworkSpec roundTrip(NetworkSpec spec, boolean fire) throws Exception {
        String text = PrototxtExporter.toText(spec, KINDS);
        return new PrototxtImporter(KINDS, new PrototxtImporter.Options(fire)).read(text, "export.prototxt", "x")
                .spec();
    }

    @Property(tries = 300)
    void withoutFireRecognitionTheExportImportsAsTheExpandedSpec(@ForAll("networks") ValidNetwork network)
            throws Exception {
        NetworkSpec imported = roundTrip(network.spec(), false);

        assertThat(imported.name()).isEqualTo(network.spec().name());
        assertThat(Normalised.of(imported, KINDS))
                .isEqualTo(Normalised.of(SpecExpander.expand(network.spec(), KINDS), KINDS));
    }

    @Property(tries = 300)
    void withFireRecognitionTheExportImportsAsTheSpec(@ForAll("networks") ValidNetwork network) throws Exception {
        NetworkSpec spec = network.spec();
        NetworkSpec recognised = FireRecognition.recognise(SpecExpander.expand(spec, KINDS), KINDS);
        Statistics.label("the expansion recognised is the spec itself")
                .collect(Normalised.of(recognised, KINDS).equals(Normalised.of(spec, KINDS)));

        assertThat(Normalised.of(roundTrip(spec, true), KINDS)).isEqualTo(Normalised.of(recognised, KINDS));
    }
}
