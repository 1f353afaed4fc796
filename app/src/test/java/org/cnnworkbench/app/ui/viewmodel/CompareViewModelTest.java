package org.cnnworkbench.app.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.samples.SampleNetworks;
import org.junit.jupiter.api.Test;

class CompareViewModelTest {

    static AnalysisReport squeezenet(String id, String param, long value) throws Exception {
        NetworkSpec spec = SampleNetworks.load("squeezenet-v1.0").spec();
        return CompareViewModel.analyze(spec.withNode(spec.node(id).orElseThrow().withParam(param, value)));
    }

    @Test
    void moreFiltersInConv1IsALocalChangeWithFormattedRatios() throws Exception {
        CompareViewModel vm = new CompareViewModel(squeezenet("conv1", "filters", 96),
                squeezenet("conv1", "filters", 128));
        assertThat(vm.error()).isNull();
        assertThat(vm.typeText()).isEqualTo("LOCAL");
        assertThat(vm.affectedText()).isEqualTo("conv1, pool1, fire2");
        assertThat(vm.totals()).extracting(CompareViewModel.MetricRow::label).containsExactly(
                "Output (conv activations)", "Activations (all layers)", "Parameters", "MACs", "Model bytes (32-bit)",
                "Compressed size (Deep Compression defaults)");
        assertThat(vm.totals().get(2).a()).isEqualTo("1,248,424");
        assertThat(vm.totals().get(2).ratio()).matches("1\\.0\\d \\(1x\\)");
        assertThat(vm.changedLayers()).extracting(CompareViewModel.ChangedRow::change)
                .containsExactly("edited", "changed", "changed");
        assertThat(vm.changedLayers().get(0).outputB()).isEqualTo("128x111x111");
    }

    @Test
    void incomparableNetworksShowTheReasonInsteadOfNumbers() throws Exception {
        AnalysisReport tiny = CompareViewModel.analyze(NetworkSpec.of("tiny", List.of(
                Node.of("image", "input", List.of(), Map.of("channels", 3, "height", 8, "width", 8)))));
        CompareViewModel vm = new CompareViewModel(squeezenet("conv1", "filters", 96), tiny);
        assertThat(vm.comparison()).isEmpty();
        assertThat(vm.error()).startsWith("Cannot compare: 'squeezenet-v1.0' and 'tiny' have no layer id in common");
        assertThat(vm.explanation()).isEqualTo(vm.error());
        assertThat(vm.totals()).isEmpty();
        assertThat(vm.changedLayers()).isEmpty();
        assertThat(vm.title()).isEqualTo("Compare squeezenet-v1.0 and tiny");
    }
}
