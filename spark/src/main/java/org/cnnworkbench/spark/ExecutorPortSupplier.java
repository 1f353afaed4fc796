package org.cnnworkbench.spark;

import org.apache.spark.SparkEnv;
import org.nd4j.parameterserver.distributed.v2.transport.PortSupplier;

/**
 * The UDP port on which gradient sharing's transport (Aeron) listens in each JVM: DL4J's default, {@value
 * #BASE}, in the driver (which is also the controller, and in local[N] holds every worker), and {@code BASE + 1 + N}
 * in executor {@code N}. DL4J's own default gives every JVM the same port, so two executors on one host, or an
 * executor on the driver's host, fail with "Address already in use" and Spark restarts them without end.
 * Executors whose ids are not numbers get the base port, as DL4J would give them.
 */
final class ExecutorPortSupplier implements PortSupplier {
    private static final long serialVersionUID = 1L;

    /** DL4J's default Aeron UDP port ({@code VoidConfiguration.DEFAULT_AERON_UDP_PORT}). */
    static final int BASE = 49876;

    @Override
    public int getPort() {
        SparkEnv env = SparkEnv.get();
        return env == null ? BASE : port(env.executorId());
    }

    /** The port of the executor with Spark's id {@code executorId}. */
    static int port(String executorId) {
        try {
            return BASE + 1 + Integer.parseInt(executorId);
        } catch (NumberFormatException e) {
            return BASE;
        }
    }
}
