package org.cnnworkbench.engine.kinds;

import static org.cnnworkbench.engine.kinds.LayerAssert.assertLayer;

import org.cnnworkbench.engine.testing.Nets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code fc}, {@code flatten} and {@code input}, computed by hand. */
class DenseAndReshapeFormulaTest {

    @ParameterizedTest(name = "fc({1}) on {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # AlexNet fc6 on a feature map, flattened implicitly: 256*6*6 = 9,216 inputs * 4,096 units
            # = 37,748,736 weights and MACs; relu on 4,096 outputs
            256x6x6 | units=4096; activation=relu    | v4096 | 37748736 | 4096 | 37748736 | 4096
            # AlexNet fc8 on a vector: 4,096 * 1,000 = 4,096,000
            v4096   | units=1000                     | v1000 | 4096000  | 1000 | 4096000  | 0
            # no bias: 4,096 * 10 = 40,960 weights, 0 biases
            v4096   | units=10; bias=false           | v10   | 40960    | 0    | 40960    | 0
            # 2*3*4 = 24 inputs * 5 = 120; sigmoid 5 ops
            2x3x4   | units=5; activation=sigmoid    | v5    | 120      | 5    | 120      | 5
            """)
    void fullyConnectedMatchesHandComputedCounts(String input, String params, String output, long weights,
                                                 long biases, long macs, long otherOps) {
        assertLayer(Nets.analyseLayer("fc", params, input), output, weights, biases, 0, macs, otherOps,
                Nets.shape(output).elements());
    }

    @ParameterizedTest(name = "flatten {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # 256*6*6 = 9,216
            256x6x6 | v9216
            1x1x1   | v1
            v10     | v10
            """)
    void flattenGivesAVectorOfAllElements(String input, String output) {
        assertLayer(Nets.analyseLayer("flatten", "", input), output, 0, 0, 0, 0, 0, Nets.shape(output).elements());
    }

    @ParameterizedTest(name = "input {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # 3*227*227 = 154,587
            channels=3; height=227; width=227 | 3x227x227 | 154587
            channels=1; height=28; width=28   | 1x28x28   | 784
            channels=3; height=224; width=160 | 3x224x160 | 107520
            """)
    void inputProducesItsDeclaredShape(String params, String output, long activations) {
        assertLayer(Nets.analyseLayer("input", params, ""), output, 0, 0, 0, 0, 0, activations);
    }
}
