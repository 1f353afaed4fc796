package org.cnnworkbench.engine.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.cnnworkbench.engine.compression.CompressedSizeEstimate.LayerSize;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.testing.Nets;
import org.junit.jupiter.api.Test;

class CompressedSizeEstimateTest {

    /** 3x8x8 -> conv 4 filters 3x3: 108 weights, 4 biases. */
    private static final NetworkSpec ONE_CONV = Nets.spec(Nets.input("data", "3x8x8"),
            Nets.node("conv", "conv", List.of("data"), "filters=4; kernel=3"));

    @Test
    void singleConvLayerByHand() {
        // d = 0.5, b = 4, g = 2: M = 3, q = 0.125, fillers per kept = 1/7; kept = 54, fillers = round(54/7) = 8;
        // bits = 54 * (4 + 2) + 8 * 2 + 16 * 32 = 852 -> 107 bytes; biases 4 * 4 = 16 bytes.
        CompressedSizeEstimate e = CompressedSizeEstimate.of(ONE_CONV,
                CompressionPlan.of(List.of(new LayerPlan("conv", 0.5, 4, 2))));

        assertThat(e.layers()).containsExactly(new LayerSize("conv", 108, 54, 4, 2, 8, 852, 107, 107 / 432.0));
        assertThat(e.otherBytes()).isEqualTo(16);
        assertThat(e.totalBytes()).isEqualTo(123);
        assertThat(e.denseBytes()).isEqualTo(448);
    }

    @Test
    void densityOneStoresNoGaps() {
        LayerSize s = LayerSize.of(108, new LayerPlan("conv", 1.0, 4, 2));

        assertThat(s.gapBits()).isZero();
        assertThat(s.fillers()).isZero();
        assertThat(s.size()).isEqualTo(108 * 4 + 16 * 32);
    }

    @Test
    void float32WeightsHaveNoCodebook() {
        LayerSize s = LayerSize.of(108, new LayerPlan("conv", 0.5, 32, 2));

        assertThat(s.size()).isEqualTo(54 * (32 + 2) + 8 * 2);
    }

    @Test
    void layerOutsideThePlanIsStoredDense() {
        CompressedSizeEstimate e = CompressedSizeEstimate.of(ONE_CONV, CompressionPlan.empty());

        assertThat(e.layers()).containsExactly(new LayerSize("conv", 108, 108, 32, 0, 0, 108 * 32, 432, 1.0));
        assertThat(e.totalBytes()).isEqualTo(e.denseBytes());
    }

    @Test
    void expectedFillersFollowTheGeometricSum() {
        double d = 0.09;
        double sum = 0;
        for (int k = 1; k < 200; k++) {
            sum += Math.pow(1 - d, k * 15);
        }
        assertThat(CompressedSizeEstimate.expectedFillersPerKept(d, 4)).isCloseTo(sum, within(1e-12));
        assertThat(CompressedSizeEstimate.expectedFillersPerKept(1.0, 4)).isZero();
    }

    /** Every layer recomputed here from Table 4 and the layer shapes, independently of the analysis. */
    @Test
    void alexnetUnderDeepCompressionDefaults() {
        CompressedSizeEstimate e = CompressedSizeEstimate.of(Samples.sample("alexnet"),
                CompressionDefaults.forSpec(Samples.sample("alexnet")));

        long[][] expected = {
            // weights, kept, fillers, bits
            {96 * 3 * 11 * 11, 29_272, 0, 359_456},
            {256 * 48 * 5 * 5, 116_736, 90, 1_409_384},
            {384 * 256 * 3 * 3, 309_658, 484, 3_726_024},
            {384 * 192 * 3 * 3, 245_514, 240, 2_955_320},
            {256 * 192 * 3 * 3, 163_676, 160, 1_972_944},
            {4096L * 9216, 3_397_386, 1_090_623, 34_939_990},
            {4096L * 4096, 1_509_949, 484_721, 15_529_449},
            {1000L * 4096, 1_024_000, 13_870, 9_272_504}};
        double[] density = {0.84, 0.38, 0.35, 0.37, 0.37, 0.09, 0.09, 0.25};
        int[] bits = {8, 8, 8, 8, 8, 5, 5, 5};
        long layerBytes = 0;
        for (int i = 0; i < expected.length; i++) {
            LayerSize row = e.layers().get(i);
            long n = expected[i][0];
            long kept = Math.round(density[i] * n);
            double q = Math.pow(1 - density[i], 15);
            long fillers = Math.round(kept * q / (1 - q));
            assertThat(row.weights()).isEqualTo(n);
            assertThat(row.kept()).isEqualTo(kept).isEqualTo(expected[i][1]);
            assertThat(row.fillers()).isEqualTo(fillers).isEqualTo(expected[i][2]);
            assertThat(row.size()).isEqualTo(kept * (bits[i] + 4) + fillers * 4 + (32L << bits[i]))
                    .isEqualTo(expected[i][3]);
            layerBytes += (expected[i][3] + 7) / 8;
        }
        assertThat(e.layerBytes()).isEqualTo(layerBytes).isEqualTo(8_770_635);
        assertThat(e.otherBytes()).isEqualTo(10_568 * 4);
        assertThat(e.totalBytes()).isEqualTo(8_812_907);
        assertThat(e.denseBytes()).isEqualTo(243_860_896);
        // The paper: 3.7% (27x) after pruning and quantization, 2.88% (35x, 6.9 MB) after Huffman coding.
        assertThat(e.ratio()).isCloseTo(0.0361, within(0.0001));
    }

    @Test
    void squeezenetUnderSqueezeNetDefaults() {
        NetworkSpec spec = Samples.sample("squeezenet-v1.0");
        CompressedSizeEstimate e = CompressedSizeEstimate.of(spec, CompressionDefaults.forSpec(spec));

        assertThat(e.layers()).hasSize(26);
        LayerSize conv1 = e.layers().get(0);
        assertThat(conv1.size()).isEqualTo(14_112 * 6 + 64 * 32);
        LayerSize conv10 = e.layers().get(25);
        assertThat(conv10).extracting(LayerSize::kept, LayerSize::fillers, LayerSize::size)
                .containsExactly(102_400L, 3_734L, 102_400L * 10 + 3_734L * 4 + 64 * 32);
        assertThat(e.layerBytes()).isEqualTo(484_381);
        assertThat(e.otherBytes()).isEqualTo(3_976 * 4);
        assertThat(e.totalBytes()).isEqualTo(500_285);
        assertThat(e.denseBytes()).isEqualTo(4_993_696);
    }
}
