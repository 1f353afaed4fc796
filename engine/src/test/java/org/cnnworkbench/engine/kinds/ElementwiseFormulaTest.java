package org.cnnworkbench.engine.kinds;

import static org.cnnworkbench.engine.kinds.LayerAssert.assertLayer;
import static org.assertj.core.api.Assertions.assertThat;

import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.testing.Nets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Shape-preserving kinds (relu, lrn, batchnorm, dropout, softmax): ops per element and stored parameters. */
class ElementwiseFormulaTest {

    @ParameterizedTest(name = "{0}({2}) on {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # relu: one op per element; 96*55*55 = 290,400
            relu      | 96x55x55  |                | 0   | 0   | 0   | 0   | 290400
            relu      | v4096     |                | 0   | 0   | 0   | 0   | 4096
            # lrn: size + 3 ops per element: default size 5 -> 8 * 290,400 = 2,323,200
            lrn       | 96x55x55  |                | 0   | 0   | 0   | 0   | 2323200
            # size 3 -> 6 * 256*27*27 (186,624) = 1,119,744
            lrn       | 256x27x27 | size=3         | 0   | 0   | 0   | 0   | 1119744
            # batchnorm with affine: gamma C + beta C + running mean and variance 2C = 4C = 256 for C = 64;
            # 2 ops per element: 2 * 64*28*28 (50,176) = 100,352
            batchnorm | 64x28x28  |                | 64  | 64  | 128 | 256 | 100352
            # without affine only the running statistics: 2C = 128
            batchnorm | 64x28x28  | affine=false   | 0   | 0   | 128 | 128 | 100352
            # on a vector C = features: 4 * 100 = 400; 2 * 100 ops
            batchnorm | v100      | epsilon=0.001  | 100 | 100 | 200 | 400 | 200
            # dropout is the identity at inference: no ops
            dropout   | v4096     | rate=0.5       | 0   | 0   | 0   | 0   | 0
            dropout   | 512x13x13 |                | 0   | 0   | 0   | 0   | 0
            # softmax: exponential, sum and division, 3 ops per element
            softmax   | v1000     |                | 0   | 0   | 0   | 0   | 3000
            softmax   | 1000x1x1  |                | 0   | 0   | 0   | 0   | 3000
            """)
    void elementwiseKindKeepsShapeAndMatchesHandComputedCounts(String kind, String input, String params,
                                                               long weights, long biases, long statistics,
                                                               long paramTotal, long otherOps) {
        NodeResult r = Nets.analyseLayer(kind, params, input);
        long elements = Nets.shape(input).elements();
        assertLayer(r, input, weights, biases, statistics, 0, otherOps, elements);
        assertThat(r.paramTotal()).isEqualTo(paramTotal);
    }
}
