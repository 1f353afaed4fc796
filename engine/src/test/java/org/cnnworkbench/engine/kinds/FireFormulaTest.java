package org.cnnworkbench.engine.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cnnworkbench.engine.kinds.LayerAssert.assertLayer;

import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.analysis.SpecExpander;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.testing.Nets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SqueezeNet Fire module: squeeze 1x1 (s filters) -> expand 1x1 (e1) and 3x3 (e3, pad 1), ReLU after each,
 * concatenated; with bypass the input is added. Per pixel, weights are s*C + s*e1 + 9*s*e3 and biases s + e1 + e3.
 */
class FireFormulaTest {

    @ParameterizedTest(name = "fire({1}) on {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # SqueezeNet fire2: weights 16*96 + 64*16 + 64*16*9 = 1,536 + 1,024 + 9,216 = 11,776, biases 144;
            # MACs 11,776 per pixel * 55*55 (3,025) = 35,622,400; relu on 16 + 128 channels * 3,025 = 435,600;
            # tensors: squeeze 48,400 + expand 2 * 193,600 + concat 387,200 = 822,800
            96x55x55  | s1x1=16; e1x1=64; e3x3=64              | 128x55x55 | 11776  | 144 | 35622400 | 435600  | 822800
            # with bypass (fire3 of the bypass net): weights 16*128 + 1,024 + 9,216 = 12,288 -> 37,171,200 MACs;
            # ops 435,600 relu + 387,200 additions; tensors 48,400 + 3 * 387,200 (expands, concat, sum)
            128x55x55 | s1x1=16; e1x1=64; e3x3=64; bypass=true | 128x55x55 | 12288  | 144 | 37171200 | 822800  | 1210000
            # fire9: 64*512 + 256*64 + 256*64*9 = 32,768 + 16,384 + 147,456 = 196,608 weights, 576 biases;
            # MACs 196,608 * 169 = 33,226,752; relu (64 + 512) * 169 = 97,344; tensors 97,344 + 512*169 = 183,872
            512x13x13 | s1x1=64; e1x1=256; e3x3=256            | 512x13x13 | 196608 | 576 | 33226752 | 97344   | 183872
            # no 1x1 expand: 8*32 + 16*8*9 = 256 + 1,152 = 1,408 weights, 8 + 16 biases; 1,408 * 100 MACs;
            # relu (8 + 16) * 100 = 2,400; tensors 2,400 + 1,600 (concat) = 4,000
            32x10x10  | s1x1=8; e1x1=0; e3x3=16                | 16x10x10  | 1408   | 24  | 140800   | 2400    | 4000
            """)
    void fireModuleMatchesHandComputedCounts(String input, String params, String output, long weights,
                                             long biases, long macs, long otherOps, long activations) {
        assertLayer(Nets.analyseLayer("fire", params, input), output, weights, biases, 0, macs, otherOps,
                activations);
    }

    @Test
    void fire2OfSqueezeNetHas11920Parameters() {
        // squeeze 16*96 + 16 = 1,552; expand1x1 64*16 + 64 = 1,088; expand3x3 64*16*9 + 64 = 9,280
        NodeResult fire2 = Nets.analyseLayer("fire", "s1x1=16; e1x1=64; e3x3=64", "96x55x55");
        assertThat(fire2.paramTotal()).isEqualTo(1552 + 1088 + 9280).isEqualTo(11_920);
    }

    @ParameterizedTest(name = "fire({1}) on {0}")
    @CsvSource(delimiter = '|', textBlock = """
            96x55x55  | s1x1=16; e1x1=64; e3x3=64
            128x55x55 | s1x1=16; e1x1=64; e3x3=64; bypass=true
            32x10x10  | s1x1=8; e1x1=0; e3x3=16
            32x10x10  | s1x1=8; e1x1=16; e3x3=0
            16x3x5    | s1x1=4; e1x1=8; e3x3=8; bypass=true
            """)
    void fireModuleCountsEqualThoseOfItsExpansion(String input, String params) {
        NetworkSpec spec = Nets.layerSpec("fire", params, input);
        NetworkSpec expanded = SpecExpander.expand(spec, KindRegistry.standard());
        AnalysisReport composite = Analyzer.standard().analyze(spec);
        AnalysisReport primitive = Analyzer.standard().analyze(expanded);

        assertThat(expanded.nodes()).extracting(n -> n.kind()).doesNotContain("fire");
        assertThat(primitive.isValid()).as("%s", primitive.diagnostics()).isTrue();
        assertThat(primitive.totals()).isEqualTo(composite.totals());
        assertThat(primitive.result(Nets.LAYER).orElseThrow().output())
                .isEqualTo(composite.result(Nets.LAYER).orElseThrow().output());
    }
}
