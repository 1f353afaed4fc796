package org.cnnworkbench.engine.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fast CPU path is engaged (not how fast it is: that is `workbench bench-infer`). */
class Dl4jRuntimeTest {

    @Test
    void convertedConvolutionRunsThroughDl4jsOneDnnHelper() {
        Dl4jRuntime.FastPathStatus status = Dl4jRuntime.fastPathStatus();
        System.out.println("dl4j fast path: " + status.describe());

        assertThat(status.oneDnnNatives()).as("native build info contains HAVE_ONEDNN").isTrue();
        assertThat(status.helpersEnabled()).as("DL4J helpers enabled").isTrue();
        assertThat(status.convHelper()).as("ConvolutionLayer.getHelper()").isEqualTo("MKLDNNConvHelper");
        assertThat(status.engaged()).isTrue();
    }
}
