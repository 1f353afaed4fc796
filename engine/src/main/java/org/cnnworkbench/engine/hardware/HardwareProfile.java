package org.cnnworkbench.engine.hardware;

/**
 * What a roofline estimate needs to know about a machine. Profiles are data: the shipped ones live in
 * {@code sample-networks/hardware/*.json} and are read by {@link HardwareProfileJson}; every number's origin is
 * written in {@link #source()}.
 *
 * <pre>{@code
 * HardwareProfile titanX = new HardwareProfile("titan-x", "NVIDIA GTX Titan X (Maxwell)",
 *         6.6e12, 336.5e9, 3L << 20, 250, "NVIDIA specifications");
 * Estimate e = RooflineEstimator.estimate(report, titanX, 1, null);
 * }</pre>
 *
 * @param name short identifier used on the command line ({@code titan-x})
 * @param title human-readable name
 * @param peakFlops peak 32-bit floating-point operations per second (an FMA counts as 2)
 * @param memoryBandwidth off-chip memory bandwidth in bytes per second
 * @param onChipBytes on-chip memory (last-level cache / SRAM) in bytes; informative, the roofline does not use it
 * @param powerWatts power envelope (board or module TDP, or the stated share of a package's TDP)
 * @param source where each number comes from
 */
public record HardwareProfile(String name, String title, double peakFlops, double memoryBandwidth, long onChipBytes,
                              double powerWatts, String source) {

    public HardwareProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a hardware profile needs a name");
        }
        title = title == null || title.isBlank() ? name : title;
        source = source == null ? "" : source;
        positive("peakFlops", peakFlops, "FLOP/s");
        positive("memoryBandwidth", memoryBandwidth, "bytes/s");
        positive("powerWatts", powerWatts, "W");
        if (onChipBytes < 0) {
            throw new IllegalArgumentException("onChipBytes must not be negative, not " + onChipBytes);
        }
    }

    private static void positive(String field, double value, String unit) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a positive number of " + unit + ", not " + value);
        }
    }

    /**
     * The ridge point: the arithmetic intensity (FLOPs per byte) above which a layer is compute-bound on this
     * machine.
     */
    public double ridgeIntensity() {
        return peakFlops / memoryBandwidth;
    }
}
