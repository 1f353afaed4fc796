package org.cnnworkbench.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;

/**
 * Gradient sharing's transport: a UDP port per JVM, so that executors can share a host with each other and the
 * driver, and each executor's address on the driver's subnet.
 */
class ExecutorPortSupplierTest {

    @Test
    void theDriverKeepsDl4jsDefaultPortAndEachExecutorHasItsOwn() {
        assertThat(ExecutorPortSupplier.BASE).isEqualTo(VoidConfiguration.DEFAULT_AERON_UDP_PORT);
        assertThat(ExecutorPortSupplier.port("driver")).isEqualTo(49876);
        assertThat(ExecutorPortSupplier.port("0")).isEqualTo(49877);
        assertThat(ExecutorPortSupplier.port("1")).isEqualTo(49878);
        assertThat(ExecutorPortSupplier.port("12")).isEqualTo(49889);
        // outside Spark (no SparkEnv): the driver's port, as DL4J's default gives
        assertThat(new ExecutorPortSupplier().getPort()).isEqualTo(49876);
    }

    @Test
    void theControllerListensOnTheDriversPort() {
        VoidConfiguration transport = VoidConfiguration.builder().portSupplier(new ExecutorPortSupplier()).build();
        assertThat(transport.getUnicastControllerPort()).isEqualTo(ExecutorPortSupplier.port("driver"));
    }

    @Test
    void executorsOnAClusterAnnounceTheirAddressOnTheDriversSubnet() {
        assertThat(SparkEpochFit.subnetOf("127.0.0.1")).isEqualTo("127.0.0.0/8");
        assertThat(SparkEpochFit.subnetOf("203.0.113.77")).isNull();   // no interface of this machine
        assertThat(SparkEpochFit.subnetOf("::1")).isNull();
    }
}
