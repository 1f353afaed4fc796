package org.cnnworkbench.engine.kinds;

import static org.cnnworkbench.engine.kinds.LayerAssert.assertLayer;

import org.cnnworkbench.engine.testing.Nets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Output size, parameters and operations of {@code conv}, computed by hand. */
class ConvFormulaTest {

    @ParameterizedTest(name = "{0} conv({1}) -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # AlexNet conv1: (227 - 11) / 4 + 1 = 55; weights 96*3*11*11 = 34,848; 96*55*55 = 290,400 outputs,
            # each 3*11*11 = 363 MACs -> 105,415,200; no activation -> no other ops
            3x227x227 | filters=96; kernel=11; stride=4                       | 96x55x55   | 34848  | 96  | 105415200 | 0       | 290400
            # SqueezeNet conv1: (227 - 7) / 2 + 1 = 111; weights 96*3*49 = 14,112 (+96 = 14,208);
            # 96*111*111 = 1,182,816 outputs * 147 = 173,873,952 MACs; relu: one op per output = 1,182,816
            3x227x227 | filters=96; kernel=7; stride=2; activation=relu       | 96x111x111 | 14112  | 96  | 173873952 | 1182816 | 1182816
            # AlexNet conv2, 2 groups: (27 + 4 - 5) + 1 = 27; weights 256*(96/2)*25 = 307,200;
            # 256*27*27 = 186,624 outputs * 48*25 = 1,200 -> 223,948,800 MACs
            96x27x27  | filters=256; kernel=5; pad=2; groups=2                | 256x27x27  | 307200 | 256 | 223948800 | 0       | 186624
            # depthwise (groups = channels): weights 32*1*9 = 288; 32*14*14 = 6,272 outputs * 9 = 56,448 MACs
            32x14x14  | filters=32; kernel=3; pad=1; groups=32                | 32x14x14   | 288    | 32  | 56448     | 0       | 6272
            # non-square: h = (10 + 2 - 3) / 1 + 1 = 10, w = floor((12 - 5) / 2) + 1 = 4; weights 4*8*3*5 = 480;
            # 4*10*4 = 160 outputs * 8*15 = 120 -> 19,200 MACs
            8x10x12   | filters=4; kernel=[3,5]; stride=[1,2]; pad=[1,0]      | 4x10x4     | 480    | 4   | 19200     | 0       | 160
            # h = 5 - 5 + 1 = 1, w = 7 - 1 + 1 = 7; weights 2*1*5*1 = 10; 14 outputs * 5 = 70 MACs; tanh 14 ops
            1x5x7     | filters=2; kernel=[5,1]; activation=tanh              | 2x1x7      | 10     | 2   | 70        | 14      | 14
            # 1x1 without bias: weights 32*16 = 512, biases 0; 32*8*8 = 2,048 outputs * 16 = 32,768 MACs
            16x8x8    | filters=32; kernel=1; bias=false                      | 32x8x8     | 512    | 0   | 32768     | 0       | 2048
            # stride 2, pad 1: floor((32 + 2 - 3) / 2) + 1 = 16; weights 16*3*9 = 432;
            # 16*16*16 = 4,096 outputs * 27 = 110,592 MACs; relu 4,096 ops
            3x32x32   | filters=16; kernel=3; stride=2; pad=1; activation=relu | 16x16x16  | 432    | 16  | 110592    | 4096    | 4096
            """)
    void convolutionMatchesHandComputedCounts(String input, String params, String output, long weights,
                                              long biases, long macs, long otherOps, long activations) {
        assertLayer(Nets.analyseLayer("conv", params, input), output, weights, biases, 0, macs, otherOps,
                activations);
    }
}
