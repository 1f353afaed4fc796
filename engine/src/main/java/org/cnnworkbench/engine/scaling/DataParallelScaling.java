package org.cnnworkbench.engine.scaling;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.hardware.Estimate;

/**
 * Weak scaling of data-parallel training, after FireCaffe (Iandola, Ashraf, Moskewicz and Keutzer, CVPR 2016);
 * the model and its assumptions are in docs/scaling.md.
 *
 * <pre>{@code
 * ScalingSetup setup = new ScalingSetup(32, 0.01, 56e9 / 8, 4);   // 32 images/worker, 10 ms/image, 56 Gbit/s
 * List<ScalingPoint> curve = DataParallelScaling.curve(1_248_424, setup, Scheme.REDUCTION_TREE, 128);
 * curve.get(127).speedup();
 * }</pre>
 */
public final class DataParallelScaling {

    /** Training an image (forward and backward) costs about three times its inference FLOPs. */
    public static final double TRAINING_TO_INFERENCE = 3.0;

    /**
     * The largest number of workers a curve goes to: 65,536 (a curve holds one point per N, so its size grows
     * with N; FireCaffe's published curves stop at 128).
     */
    public static final int MAX_WORKERS = 65_536;

    private DataParallelScaling() {
    }

    /**
     * The training time of one image estimated from an inference estimate (at the per-worker batch):
     * {@code 3 x secondsPerFrame}, for the forward pass, the gradient with respect to the activations and the
     * gradient with respect to the weights, each costing about one forward pass.
     */
    public static double trainingSecondsPerImage(Estimate inference) {
        return TRAINING_TO_INFERENCE * inference.secondsPerFrame();
    }

    /**
     * The curve for N = 1..maxWorkers.
     *
     * @throws IllegalArgumentException if maxWorkers is below 1 or above {@link #MAX_WORKERS}
     */
    public static List<ScalingPoint> curve(long parameters, ScalingSetup setup, Scheme scheme, int maxWorkers) {
        if (parameters < 0) {
            throw new IllegalArgumentException("the parameter count must not be negative, not " + parameters);
        }
        if (maxWorkers < 1 || maxWorkers > MAX_WORKERS) {
            throw new IllegalArgumentException("the number of workers must be between 1 and " + MAX_WORKERS
                    + ", not " + maxWorkers);
        }
        double compute = setup.batchPerWorker() * setup.secondsPerImage();
        List<ScalingPoint> points = new ArrayList<>(maxWorkers);
        for (int n = 1; n <= maxWorkers; n++) {
            double communication = communicationSeconds(parameters, setup, scheme, n);
            double iteration = compute + communication;
            double speedup = n * compute / iteration;
            points.add(new ScalingPoint(n, compute, communication, iteration, speedup, speedup / n));
        }
        return List.copyOf(points);
    }

    /**
     * Seconds to exchange gradients and weights among {@code workers} in one iteration: with {@code P x b} bytes
     * each way, {@code 2 P b N / BW} through a parameter server, {@code 2 P b ceil(log2 N) / BW} through a
     * reduction tree, 0 for one worker.
     */
    public static double communicationSeconds(long parameters, ScalingSetup setup, Scheme scheme, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("the number of workers must be at least 1, not " + workers);
        }
        if (workers == 1) {
            return 0;
        }
        double oneWay = (double) parameters * setup.bytesPerParameter() / setup.bandwidthBytesPerSecond();
        return switch (scheme) {
            case PARAMETER_SERVER -> 2 * oneWay * workers;
            case REDUCTION_TREE -> 2 * oneWay * ceilLog2(workers);
        };
    }

    /** {@code ceil(log2 n)} for {@code n >= 1}. */
    static int ceilLog2(int n) {
        return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    }
}
