package org.cnnworkbench.engine.properties;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;

/** Arbitraries shared by the property classes. */
final class Networks {

    /** Ints consumed by one build step or one edit; more than any single decision sequence needs. */
    static final int DECISIONS = 16;

    private Networks() {
    }

    /** Random decisions for {@link Choices}; shrinking moves each decision to its first option. */
    static Arbitrary<List<Integer>> decisions() {
        return Arbitraries.integers().between(0, 1_000_000).list().ofSize(DECISIONS);
    }

    /** Valid networks of an input (1..8 channels, 8..64 pixels high and wide) and 1..40 more nodes. */
    static Arbitrary<ValidNetwork> valid() {
        return valid(40);
    }

    static Arbitrary<ValidNetwork> valid(int maxNodes) {
        return Combinators.combine(
                Arbitraries.integers().between(1, 8),
                Arbitraries.integers().between(8, 64),
                Arbitraries.integers().between(8, 64),
                decisions().list().ofMinSize(1).ofMaxSize(maxNodes)
                        .withSizeDistribution(RandomDistribution.uniform()))
                .as(ValidNetworkBuilder::build);
    }
}
