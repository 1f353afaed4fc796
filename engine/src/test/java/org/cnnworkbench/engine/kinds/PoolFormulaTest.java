package org.cnnworkbench.engine.kinds;

import static org.cnnworkbench.engine.kinds.LayerAssert.assertLayer;

import org.cnnworkbench.engine.testing.Nets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Output size and operations of {@code maxpool}, {@code avgpool} and {@code globalavgpool}, computed by hand.
 * Pooling costs one comparison or addition per window element and output, and has no parameters.
 */
class PoolFormulaTest {

    @ParameterizedTest(name = "{0} on {1} ({2}) -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # floor((55 - 3) / 2) + 1 = 27; 96*27*27 = 69,984 outputs * 9 = 629,856 ops
            maxpool | 96x55x55   | kernel=3; stride=2                          | 96x27x27  | 629856
            # span 112 - 3 = 109: floor(109 / 2) + 1 = 55 -> 290,400 outputs * 9 = 2,613,600
            maxpool | 96x112x112 | kernel=3; stride=2                          | 96x55x55  | 2613600
            # Caffe ceil: ceil(109 / 2) + 1 = 56 -> 96*56*56 = 301,056 outputs * 9 = 2,709,504
            maxpool | 96x112x112 | kernel=3; stride=2; rounding=ceil           | 96x56x56  | 2709504
            # (111 - 3) / 2 = 54 exactly: ceil and floor agree, 55 (SqueezeNet pool1)
            maxpool | 96x111x111 | kernel=3; stride=2; rounding=ceil           | 96x55x55  | 2613600
            # pad 1, ceil: ceil((13 + 2 - 3) / 2) + 1 = 7; the last window starts at 6*2 - 1 = 11 < 13, kept;
            # 256*7*7 = 12,544 outputs * 9 = 112,896
            maxpool | 256x13x13  | kernel=3; stride=2; pad=1; rounding=ceil    | 256x7x7   | 112896
            maxpool | 256x13x13  | kernel=3; stride=2; pad=1                   | 256x7x7   | 112896
            # Caffe clip: ceil((5 + 2 - 2) / 2) + 1 = 4, but the 4th window starts at 3*2 - 1 = 5 >= 5,
            # entirely in the right padding, so it is dropped -> 3; 9 outputs * 4 = 36
            maxpool | 1x5x5      | kernel=2; stride=2; pad=1; rounding=ceil    | 1x3x3     | 36
            # Caffe clip: ceil((4 + 4 - 3) / 3) + 1 = 3, 3rd window starts at 2*3 - 2 = 4 >= 4 -> 2; 4 * 9 = 36
            # Caffe clips both axes once either is padded: height ceil((6 - 2) / 3) + 1 = 3, but the 3rd window
            # starts at 2*3 - 0 = 6 >= 6 -> 2; width ceil((6 + 2 - 2) / 3) + 1 = 3, 6 < 6 + 1 kept; 6 * 4 = 24
            maxpool | 1x6x6      | kernel=2; stride=3; pad=[0,1]; rounding=ceil | 1x2x3   | 24
            # no padding, no clip (Caffe): ceil((6 - 2) / 3) + 1 = 3, the 3rd window is empty (a warning); 9 * 4
            maxpool | 1x6x6      | kernel=2; stride=3; rounding=ceil           | 1x3x3     | 36
            avgpool | 1x4x4      | kernel=3; stride=3; pad=2; rounding=ceil    | 1x2x2     | 36
            # no pad: ceil((6 - 3) / 2) + 1 = 3 vs floor: 1 + 1 = 2
            avgpool | 3x6x6      | kernel=3; stride=2; rounding=ceil           | 3x3x3     | 243
            avgpool | 3x6x6      | kernel=3; stride=2                          | 3x2x2     | 108
            # whole-map window: 1024 outputs * 49 = 50,176
            avgpool | 1024x7x7   | kernel=7                                    | 1024x1x1  | 50176
            # non-square: h = (10 - 2) / 2 + 1 = 5, w = (10 - 5) / 5 + 1 = 2; 80 outputs * 10 = 800
            avgpool | 8x10x10    | kernel=[2,5]; stride=[2,5]                  | 8x5x2     | 800
            """)
    void poolingMatchesHandComputedCounts(String kind, String input, String params, String output,
                                          long otherOps) {
        long elements = Nets.shape(output).elements();
        assertLayer(Nets.analyseLayer(kind, params, input), output, 0, 0, 0, 0, otherOps, elements);
    }

    @ParameterizedTest(name = "globalavgpool on {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # one addition per input element: 1000*13*13 = 169,000
            1000x13x13 | 1000x1x1 | 169000
            # 512*7*7 = 25,088
            512x7x7    | 512x1x1  | 25088
            1x1x1      | 1x1x1    | 1
            """)
    void globalAveragePoolingAddsEveryInputElement(String input, String output, long otherOps) {
        long elements = Nets.shape(output).elements();
        assertLayer(Nets.analyseLayer("globalavgpool", "", input), output, 0, 0, 0, 0, otherOps, elements);
    }
}
