package org.cnnworkbench.engine.kinds;

import static org.cnnworkbench.engine.kinds.LayerAssert.assertLayer;

import org.cnnworkbench.engine.testing.Nets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code concat} and {@code add} over several inputs, computed by hand. */
class MergeFormulaTest {

    @ParameterizedTest(name = "concat {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # channels add up: 64 + 64 = 128; 128*55*55 = 387,200 elements; no arithmetic
            64x55x55 + 64x55x55           | 128x55x55 | 387200
            # 16 + 32 + 8 = 56; 56*8*8 = 3,584
            16x8x8 + 32x8x8 + 8x8x8       | 56x8x8    | 3584
            v10 + v20                     | v30       | 30
            16x8x8                        | 16x8x8    | 1024
            """)
    void concatStacksChannels(String inputs, String output, long activations) {
        assertLayer(Nets.analyseLayer("concat", "", inputs), output, 0, 0, 0, 0, 0, activations);
    }

    @ParameterizedTest(name = "add {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # one addition per element for each input beyond the first: 128*55*55 = 387,200
            128x55x55 + 128x55x55     | 128x55x55 | 387200 | 387200
            # three inputs: 2 * 8*4*4 (128) = 256
            8x4x4 + 8x4x4 + 8x4x4     | 8x4x4     | 256    | 128
            v10 + v10                 | v10       | 10     | 10
            """)
    void addSumsEqualShapes(String inputs, String output, long otherOps, long activations) {
        assertLayer(Nets.analyseLayer("add", "", inputs), output, 0, 0, 0, 0, otherOps, activations);
    }
}
