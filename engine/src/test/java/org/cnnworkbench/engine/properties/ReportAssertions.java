package org.cnnworkbench.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;

import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.model.Node;

/** Comparisons of whole analysis reports. */
final class ReportAssertions {

    private ReportAssertions() {
    }

    /** Every node result, the layer order, the totals, the diagnostics and the verdict are equal. */
    static void assertSameAnalysis(AnalysisReport actual, AnalysisReport expected, String what) {
        assertThat(actual.spec()).as("%s: spec", what).isEqualTo(expected.spec());
        for (Node node : expected.spec().nodes()) {
            assertThat(actual.result(node.id())).as("%s: result of %s", what, node.id())
                    .isEqualTo(expected.result(node.id()));
        }
        assertThat(actual.layers()).as("%s: layers", what).isEqualTo(expected.layers());
        assertThat(actual.totals()).as("%s: totals", what).isEqualTo(expected.totals());
        assertThat(actual.diagnostics()).as("%s: diagnostics", what).isEqualTo(expected.diagnostics());
        assertThat(actual.isValid()).as("%s: isValid", what).isEqualTo(expected.isValid());
    }
}
