package org.cnnworkbench.engine.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SparseIndexCodingTest {

    @Test
    void aGapOfTwentyZerosWithThreeBitsTakesTwoFillers() {
        // g = 3, M = 7: kept at 0, then 20 zeros, kept at 21, kept at 22, then trailing zeros
        boolean[] mask = new boolean[30];
        mask[0] = true;
        mask[21] = true;
        mask[22] = true;

        SparseIndexCoding.Gaps gaps = SparseIndexCoding.encode(mask, 3);

        // 0 | 7 (cursor 7), 7 (cursor 14), 6 -> 21 | 0 -> 22
        assertThat(gaps.symbols()).containsExactly(0, 7, 7, 6, 0);
        assertThat(gaps.fillers()).isEqualTo(2);
        assertThat(SparseIndexCoding.positions(gaps.symbols(), 3, 30)).containsExactly(0, 21, 22);
        assertThat(SparseIndexCoding.symbolCount(mask, 3)).isEqualTo(5);
        assertThat(SparseIndexCoding.histogram(mask, 3)).containsExactly(2, 0, 0, 0, 0, 0, 1, 2);
    }

    @Test
    void aGapOfExactlyTheFillerValueNeedsAFillerAndAZero() {
        boolean[] mask = new boolean[8];
        mask[7] = true;  // 7 zeros before it, g = 3: 7 is a filler, then gap 0

        assertThat(SparseIndexCoding.encode(mask, 3).symbols()).containsExactly(7, 0);
        // with one bit, M = 1: seven fillers then 0
        assertThat(SparseIndexCoding.encode(mask, 1).symbols()).containsExactly(1, 1, 1, 1, 1, 1, 1, 0);
    }

    @Test
    void positionsOutsideTheTensorAreRefused() {
        assertThatThrownBy(() -> SparseIndexCoding.positions(new int[] {3, 5}, 3, 9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("position 9");
        assertThatThrownBy(() -> SparseIndexCoding.positions(new int[] {7, 7}, 3, 10))
                .hasMessageContaining("outside the tensor");
        assertThatThrownBy(() -> SparseIndexCoding.positions(new int[] {8}, 3, 10))
                .hasMessageContaining("outside 0..7");
        assertThatThrownBy(() -> SparseIndexCoding.encode(new boolean[1], 17)).hasMessageContaining("1..16");
    }

    @Property(tries = 300)
    void everyMaskRoundTripsForGapBitsOneToEight(@ForAll @IntRange(min = 1, max = 8) int gapBits,
            @ForAll @IntRange(min = 0, max = 600) int length, @ForAll @IntRange(min = 0, max = 100) int percent,
            @ForAll long seed) {
        Random random = new Random(seed);
        boolean[] mask = new boolean[length];
        for (int i = 0; i < length; i++) {
            mask[i] = random.nextInt(100) < percent;
        }
        SparseIndexCoding.Gaps gaps = SparseIndexCoding.encode(mask, gapBits);
        int[] positions = SparseIndexCoding.positions(gaps.symbols(), gapBits, length);

        boolean[] back = new boolean[length];
        for (int p : positions) {
            back[p] = true;
        }
        assertThat(back).isEqualTo(mask);
        int filler = (1 << gapBits) - 1;
        assertThat(gaps.fillers()).isEqualTo((int) java.util.Arrays.stream(gaps.symbols())
                .filter(s -> s == filler).count());
        assertThat(gaps.symbols().length - gaps.fillers()).isEqualTo(MagnitudePruning.count(mask));
        long[] histogram = SparseIndexCoding.histogram(mask, gapBits);
        assertThat(histogram[filler]).isEqualTo(gaps.fillers());
    }
}
