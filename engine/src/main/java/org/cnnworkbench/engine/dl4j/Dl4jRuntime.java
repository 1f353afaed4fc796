package org.cnnworkbench.engine.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Puts DL4J on its fast CPU path before ND4J loads, and reports whether it is engaged. Every entry point of
 * this package ({@link Dl4jConverter}, {@link ConvertedGraph}) touches this class first, so its static
 * initializer runs before the ND4J backend is loaded:
 *
 * <ul>
 *   <li>{@code org.bytedeco.javacpp.platform.extension=-onednn-avx2}: JavaCPP loads the ND4J natives built with
 *       oneDNN ({@code nd4j-native:linux-x86_64-onednn-avx2}); {@code -onednn} on a CPU without AVX2 if that jar
 *       is on the class path, else no extension (the plain natives, no oneDNN);</li>
 *   <li>{@code org.eclipse.deeplearning4j.helpers.disable=false}: DL4J 1.0.0-M2.1 attaches no helpers
 *       otherwise;</li>
 *   <li>{@code org.nd4j.nativeblas.Nd4jCpu} (this module) works around M2.1's failed reflective lookup of
 *       oneDNN support.</li>
 * </ul>
 * A property already set (on the command line) is left alone. With these, and the NHWC layout that the
 * converter uses, DL4J's {@code MKLDNNConvHelper} runs convolutions and pooling through oneDNN:
 *
 * <pre>{@code
 * Dl4jRuntime.FastPathStatus status = Dl4jRuntime.fastPathStatus();
 * status.engaged();   // true on an AVX2 CPU with the default build
 * }</pre>
 */
public final class Dl4jRuntime {

    static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    static final String HELPERS_DISABLED_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";
    private static final String NATIVES = "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64";

    static {
        if (System.getProperty(EXTENSION_PROPERTY) == null) {
            String extension = oneDnnExtension();
            if (!extension.isEmpty()) {
                System.setProperty(EXTENSION_PROPERTY, extension);
            }
        }
        if (System.getProperty(HELPERS_DISABLED_PROPERTY) == null) {
            System.setProperty(HELPERS_DISABLED_PROPERTY, "false");
        }
    }

    private Dl4jRuntime() {
    }

    /** Runs the static initializer (if it has not run yet); call before anything touches ND4J. */
    public static void configure() {
        // the work is done by the static initializer
    }

    /**
     * What makes DL4J fast, each checked: {@code oneDnnNatives} (the native build info contains
     * {@code HAVE_ONEDNN}), {@code helpersEnabled} (DL4J helpers allowed) and {@code convHelper} (the simple
     * class name of the helper a converted convolution gets, {@code MKLDNNConvHelper} when engaged, else
     * {@code "none"}).
     */
    public record FastPathStatus(boolean oneDnnNatives, boolean helpersEnabled, String convHelper,
                                 String platformExtension) {

        /** All three hold: convolutions run through DL4J's oneDNN helper. */
        public boolean engaged() {
            return oneDnnNatives && helpersEnabled && convHelper.startsWith("MKLDNN");
        }

        /** One line for a CLI or a log. */
        public String describe() {
            return "oneDNN natives " + (oneDnnNatives ? "yes" : "no") + " (javacpp extension '"
                    + platformExtension + "'), DL4J helpers " + (helpersEnabled ? "enabled" : "disabled")
                    + ", convolution helper " + convHelper + (engaged() ? ": fast path engaged" : ": SLOW PATH");
        }
    }

    /** Whether ND4J runs on the CPU (not on CUDA, the {@code -Pcuda} build). */
    public static boolean cpuBackend() {
        return Nd4j.getBackend().getClass().getName().startsWith("org.nd4j.linalg.cpu.");
    }

    /** Checks the fast path on a tiny converted network (loads ND4J if it is not loaded yet). */
    public static FastPathStatus fastPathStatus() {
        boolean helpers = Nd4j.getEnvironment().helpersAllowed();   // loads the backend first, which
        boolean oneDnn = NativeOpsHolder.getInstance()              // NativeOpsHolder needs
                .getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");
        return new FastPathStatus(oneDnn, helpers, convHelperOfProbe(),
                System.getProperty(EXTENSION_PROPERTY, ""));
    }

    private static String convHelperOfProbe() {
        ComputationGraph graph;
        try {
            graph = Dl4jConverter.convert(NetworkSpec.of("fast-path probe", List.of(
                    Node.of("data", "input", List.of(), Map.of("channels", 3, "height", 8, "width", 8)),
                    Node.of("conv", "conv", List.of("data"), Map.of("filters", 4, "kernel", 3))))).newGraph();
        } catch (Dl4jConversionException e) {
            throw new IllegalStateException("the fast-path probe network does not convert: " + e.getMessage(), e);
        }
        for (org.deeplearning4j.nn.api.Layer layer : graph.getLayers()) {
            if (layer instanceof ConvolutionLayer conv) {
                Object helper = conv.getHelper();
                return helper == null ? "none" : helper.getClass().getSimpleName();
            }
        }
        return "none";
    }

    /** The extension of the oneDNN natives for this CPU that are on the class path, or "" for none. */
    static String oneDnnExtension() {
        String extension = cpuHasAvx2() ? "-onednn-avx2" : "-onednn";
        ClassLoader loader = Dl4jRuntime.class.getClassLoader();
        return loader.getResource(NATIVES + extension + "/") != null ? extension : "";
    }

    private static boolean cpuHasAvx2() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo")).contains(" avx2");
        } catch (IOException | RuntimeException e) {
            return false;   // not Linux or unreadable: the linux-x86_64 natives do not apply anyway
        }
    }
}
