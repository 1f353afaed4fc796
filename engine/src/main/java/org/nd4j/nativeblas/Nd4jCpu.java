package org.nd4j.nativeblas;

/**
 * Workaround for a DL4J 1.0.0-M2.1 bug, not part of the workbench's API. Its package and names are dictated by
 * DL4J: {@code BaseMKLDNNHelper.mklDnnEnabled()} looks up, by reflection, {@code
 * org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()}, but in M2.1 the class lives at
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and the method is {@code isUseONEDNN()}.
 * The lookup fails silently and no oneDNN helper is attached to any layer, so convolutions fall back to
 * im2col + GEMM. This class answers at the old name and forwards to the real method.
 *
 * <p>The only class outside {@code org.cnnworkbench.engine.dl4j} allowed to touch ND4J (ArchitectureTest);
 * {@code Dl4jRuntimeTest} checks that a converted convolution really gets DL4J's oneDNN helper. Delete it when
 * DL4J is upgraded past M2.1 (later versions look up the right name).
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** Stands in for the M2.1 class DL4J looks for. */
    public static final class Environment {

        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether the native library was built with oneDNN and uses it: the real {@code isUseONEDNN()}. */
        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
