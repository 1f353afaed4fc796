package org.cnnworkbench.engine.dl4j;

import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * A check made before DL4J allocates a batch: the activations of one forward pass alone ({@code 4 bytes x
 * batch x the network's activations}) must fit in the memory ND4J may use outside the Java heap. This is a
 * lower bound of what a pass needs (training keeps gradients too), so it never refuses a batch that would fit;
 * it turns a batch that cannot fit into one clear message instead of an allocation failure deep inside ND4J.
 */
public final class MemoryBudget {

    private MemoryBudget() {
    }

    /**
     * @param converted the network, whose activations per image (all layers) a batch holds
     * @throws IllegalArgumentException naming the batch, the bytes needed and the limit
     */
    public static void requireFits(ConvertedGraph converted, long batch, String what) {
        long activations = converted.analysis().totals().activations();
        long limit = limit();
        double needed = 4.0 * batch * activations;
        if (needed > limit) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s at batch %,d needs at least %s for "
                    + "its activations alone; ND4J may use %s on this machine (-Dorg.bytedeco.javacpp.maxbytes). "
                    + "Use a smaller batch (at most about %,d here)", what, batch, bytes(needed), bytes(limit),
                    Math.max(1, (long) (limit / (4.0 * Math.max(1, activations))))));
        }
    }

    /** The smaller of JavaCPP's limit for native memory and the physical memory it may use. */
    private static long limit() {
        long max = Pointer.maxBytes();
        long physical = Pointer.maxPhysicalBytes();
        long limit = Long.MAX_VALUE;
        if (max > 0) {
            limit = Math.min(limit, max);
        }
        if (physical > 0) {
            limit = Math.min(limit, physical);
        }
        long total = Pointer.totalPhysicalBytes();
        if (total > 0) {
            limit = Math.min(limit, total);
        }
        return limit;
    }

    private static String bytes(double b) {
        return b >= 1e9 ? String.format(Locale.ROOT, "%,.1f GB", b / 1e9)
                : String.format(Locale.ROOT, "%.1f MB", b / 1e6);
    }
}
