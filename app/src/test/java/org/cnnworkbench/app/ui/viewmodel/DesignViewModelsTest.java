package org.cnnworkbench.app.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters;
import org.cnnworkbench.samples.SampleNetworks;
import org.junit.jupiter.api.Test;

class DesignViewModelsTest {

    @Test
    void theFormStartsAtSqueezeNetV10() throws Exception {
        GenerateSqueezeNetViewModel form = new GenerateSqueezeNetViewModel(Analyzer.standard());
        assertThat(form.result().get().nodes()).isEqualTo(SampleNetworks.load("squeezenet-v1.0").spec().nodes());
        assertThat(form.preview().get()).startsWith("1,248,424 params · ").contains("4.99 MB at 32-bit");
    }

    @Test
    void aRefusedValueShowsItsReasonAtItsFieldAndClearsTheResult() {
        GenerateSqueezeNetViewModel form = new GenerateSqueezeNetViewModel(Analyzer.standard());
        form.field("sr").text().set("0");
        assertThat(form.field("sr").error().get()).startsWith("SR is 0; the squeeze ratio must be greater than 0");
        assertThat(form.result().get()).isNull();
        assertThat(form.preview().get()).isEmpty();
        form.field("freq").text().set("two");
        assertThat(form.field("freq").error().get()).isEqualTo("'two' is not a whole number");
        form.field("sr").text().set("0.25");
        form.field("freq").text().set("2");
        assertThat(form.field("sr").error().get()).isEmpty();
        assertThat(form.result().get()).isNotNull();
    }

    @Test
    void valuesThatMakeNoNetworkTogetherAreExplained() {
        GenerateSqueezeNetViewModel form = new GenerateSqueezeNetViewModel(Analyzer.standard());
        form.field("input_size").text().set("16");
        assertThat(form.result().get()).isNull();
        assertThat(form.networkError().get()).startsWith("these metaparameters give no valid network: ");
        form.field("pool_after").text().set("none");
        form.field("input_size").text().set("32");
        assertThat(form.result().get().contains("pool1")).isFalse();
    }

    @Test
    void choosingTheSmallTrunkFillsItsDefaultsAndGivesFashionSqueezeNet() throws Exception {
        GenerateSqueezeNetViewModel form = new GenerateSqueezeNetViewModel(Analyzer.standard());
        form.trunk().set(SqueezeNetMetaparameters.Trunk.SMALL);
        assertThat(form.field("input_channels").text().get()).isEqualTo("1");
        assertThat(form.field("input_size").text().get()).isEqualTo("28");
        assertThat(form.field("pool_after").text().get()).isEqualTo("1, 3");
        assertThat(form.simpleBypass().get()).isTrue();
        assertThat(form.result().get().nodes()).isEqualTo(SampleNetworks.load("fashion-squeezenet").spec().nodes());

        form.field("input_channels").text().set("0");
        assertThat(form.field("input_channels").error().get()).startsWith("input_channels is 0");
        assertThat(form.result().get()).isNull();
        form.field("input_channels").text().set("3");
        assertThat(form.metaparameters().get()).isEqualTo(SqueezeNetMetaparameters.smallDefaults()
                .withInputChannels(3));

        form.trunk().set(SqueezeNetMetaparameters.Trunk.IMAGENET);
        assertThat(form.field("input_channels").text().get()).isEqualTo("3");
        assertThat(form.result().get().nodes()).isEqualTo(SampleNetworks.load("squeezenet-v1.0").spec().nodes());
    }

    @Test
    void aTwoParameterSweepGivesOneCurvePerSecondValue() {
        SweepViewModel sweep = new SweepViewModel();
        sweep.from().set("0.125");
        sweep.to().set("0.5");
        sweep.steps().set("4");
        sweep.secondEnabled().set(true);
        assertThat(sweep.run()).isTrue();
        assertThat(sweep.curves()).extracting(SweepViewModel.Curve::label)
                .containsExactly("pct_3x3 = 0.25", "pct_3x3 = 0.5", "pct_3x3 = 0.75");
        assertThat(sweep.curves()).allSatisfy(c -> assertThat(c.points()).hasSize(4));
        assertThat(sweep.curves().get(1).points().get(0)).containsExactly(0.125, 1.248424);
        assertThat(sweep.csv().split("\n")).hasSize(13);
    }

    @Test
    void aBadRangeKeepsThePreviousPointsAndSaysWhy() {
        SweepViewModel sweep = new SweepViewModel();
        assertThat(sweep.run()).isTrue();
        sweep.from().set("zero");
        assertThat(sweep.run()).isFalse();
        assertThat(sweep.error().get()).isEqualTo("from: 'zero' is not a number");
        assertThat(sweep.points().get()).hasSize(8);
    }
}
