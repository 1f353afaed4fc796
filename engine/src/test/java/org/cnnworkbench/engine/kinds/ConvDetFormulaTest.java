package org.cnnworkbench.engine.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cnnworkbench.engine.kinds.LayerAssert.assertLayer;

import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.analysis.NodeStatus;
import org.cnnworkbench.engine.testing.Nets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Output size, parameters and operations of {@code convdet}, computed by hand. */
class ConvDetFormulaTest {

    @ParameterizedTest(name = "{0} convdet({1}) -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # SqueezeDet's conv12: 9 KITTI anchors (the default), C = 3 -> 9 * (3 + 5) = 72 channels on the 24x78 grid;
            # weights 72*768*3*3 = 497,664 (+72 = 497,736); 72*24*78 = 134,784 outputs * 768*9 = 6,912 MACs
            # = 931,627,008; other ops 24*78 cells * 9 anchors * (5 + 3*3) = 235,872
            768x24x78 | classes=3                                            | 72x24x78 | 497664 | 72 | 931627008 | 235872 | 134784
            # one anchor, one class: 1 * 6 = 6 channels; 1x1 kernel, no pad: 6*16 = 96 weights; 6*5*5 = 150 outputs
            # * 16 = 2,400 MACs; 25 cells * (5 + 3) = 200 other ops
            16x5x5    | classes=1; anchors=[[10,20]]; kernel=1; pad=0         | 6x5x5    | 96     | 6  | 2400      | 200    | 150
            # two anchors with decimals, 20 classes (VOC): 2 * 25 = 50 channels; kernel [3,1], pad [1,0] keeps 7x9;
            # weights 50*8*3 = 1,200, no bias; 50*7*9 = 3,150 outputs * 24 = 75,600 MACs; 63 * 2 * (5 + 60) = 8,190
            8x7x9     | classes=20; anchors=[[1.5,2],[30,12.25]]; kernel=[3,1]; pad=[1,0]; bias=false | 50x7x9 | 1200 | 0 | 75600 | 8190 | 3150
            # 3x3 without padding shrinks the grid by 2: 5x6 -> 3x4; 3 anchors, 2 classes -> 21 channels;
            # weights 21*4*9 = 756; 21*12 = 252 outputs * 36 = 9,072 MACs; 12 * 3 * (5 + 6) = 396
            4x5x6     | classes=2; anchors=[[1,1],[2,2],[3,3]]; pad=0        | 21x3x4   | 756    | 21 | 9072      | 396    | 252
            """)
    void convdetMatchesHandComputedCounts(String input, String params, String output, long weights, long biases,
                                          long macs, long otherOps, long activations) {
        assertLayer(Nets.analyseLayer("convdet", params, input), output, weights, biases, 0, macs, otherOps,
                activations);
    }

    @Test
    void theDefaultsAreSqueezeDetsKittiHead() {
        Params p = Params.resolve(new ConvDetKind().parameters(), Map.of()).params();

        assertThat(ConvDetKind.classes(p)).isEqualTo(3);
        assertThat(ConvDetKind.anchors(p)).containsExactly(new BoxSize(36, 37), new BoxSize(366, 174),
                new BoxSize(115, 59), new BoxSize(162, 87), new BoxSize(38, 90), new BoxSize(258, 173),
                new BoxSize(224, 108), new BoxSize(78, 170), new BoxSize(72, 43));
        assertThat(ConvDetKind.channelsPerAnchor(3)).isEqualTo(8);
        assertThat(ConvDetKind.outputChannels(p)).isEqualTo(72);
        assertThat(p.pair("kernel")).isEqualTo(new IntPair(3, 3));
        assertThat(p.pair("pad")).isEqualTo(new IntPair(1, 1));
        assertThat(p.flag("bias")).isTrue();
    }

    @Test
    void anchorsLargerThanTheImageAreNoWarning() {
        NodeResult r = Nets.analyseLayer("convdet", "anchors=[[366,174],[5000,4000]]", "16x3x3");

        assertThat(r.status()).isEqualTo(NodeStatus.OK);
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void anInputSmallerThanTheKernelIsAWarningNamingBoth() {
        NodeResult r = Nets.analyseLayer("convdet", "kernel=3; pad=1", "16x2x5");

        assertThat(r.output().toChw()).isEqualTo(List.of(72L, 2L, 5L));
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isFalse();
            assertThat(d.message()).contains("input grid 2x5 is smaller than the kernel 3x3");
        });
    }

    @Test
    void aPaddedInputSmallerThanTheKernelIsAnError() {
        NodeResult r = Nets.analyseLayer("convdet", "kernel=5; pad=1", "16x2x8");

        assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
        assertThat(r.diagnostics()).anySatisfy(d ->
                assertThat(d.message()).contains("kernel height 5 is larger than the padded input height 4"));
    }

    @Test
    void aFlatInputIsRefused() {
        NodeResult r = Nets.analyseLayer("convdet", "", "v16");

        assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
        assertThat(r.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("convdet needs a channels"));
    }
}
