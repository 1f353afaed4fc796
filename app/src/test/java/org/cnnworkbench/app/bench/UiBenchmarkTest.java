package org.cnnworkbench.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** bench ui's two cases run on the real main window (a few edits each; the times are a benchmark's, not checked). */
class UiBenchmarkTest {

    @Test
    void theSqueezeNetEditIsTimedUntilTheWindowShowsIt() throws Exception {
        UiBenchmark.Result r = UiBenchmark.run(UiBenchmark.Case.squeezeNet(), 2, 4);

        assertThat(r.millis()).hasSize(4);
        assertThat(java.util.Arrays.stream(r.millis()).min().orElseThrow()).isPositive();
        assertThat(r.handOff()).hasSize(4);
        assertThat(java.util.Arrays.stream(r.handOff()).min().orElseThrow()).isPositive();
        assertThat(r.percentile(0.99)).isGreaterThanOrEqualTo(r.percentile(0.5));
        // the whole pulse contains its CSS and layout pass, edit by edit, so also in sorted order
        assertThat(r.wholePulse()).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(r.wholePulse()[i]).isGreaterThanOrEqualTo(r.millis()[i]);
        }
    }

    @Test
    void theTwoThousandNodeChainsLocalEditIsTimedToo() throws Exception {
        UiBenchmark.Case chain = UiBenchmark.Case.chain2000();
        assertThat(chain.network().spec().nodes()).hasSize(2000);
        assertThat(chain.node()).isEqualTo("n1997");

        UiBenchmark.Result r = UiBenchmark.run(chain, 2, 4);

        assertThat(r.millis()).hasSize(4);
        assertThat(java.util.Arrays.stream(r.millis()).min().orElseThrow()).isPositive();
    }
}
