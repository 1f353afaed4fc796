package org.cnnworkbench.engine.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.SoftAssertions;
import org.cnnworkbench.engine.analysis.Diagnostic;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.analysis.NodeStatus;
import org.cnnworkbench.engine.testing.Nets;

/** Checks every metric of an analysed layer at once, so that a table row reports all its mismatches. */
final class LayerAssert {

    private LayerAssert() {
    }

    static void assertLayer(NodeResult r, String output, long weights, long biases, long statistics, long macs,
                            long otherOps, long activations) {
        assertThat(r.status())
                .as("status of %s; diagnostics %s", r.kind(), r.diagnostics())
                .isEqualTo(NodeStatus.OK);
        assertThat(r.diagnostics()).noneMatch(Diagnostic::isError);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(r.output()).as("output shape").isEqualTo(Nets.shape(output));
        soft.assertThat(r.params().weights()).as("weights").isEqualTo(weights);
        soft.assertThat(r.params().biases()).as("biases").isEqualTo(biases);
        soft.assertThat(r.params().statistics()).as("statistics").isEqualTo(statistics);
        soft.assertThat(r.macs()).as("MACs").isEqualTo(macs);
        soft.assertThat(r.otherOps()).as("other ops").isEqualTo(otherOps);
        soft.assertThat(r.activations()).as("activations").isEqualTo(activations);
        soft.assertAll();
    }
}
