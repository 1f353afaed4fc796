package org.cnnworkbench.engine.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The result of {@link KittiEvaluator#evaluate}: per class, whether it was evaluated (the devkit skips a class
 * with no detections at all) and per difficulty its precision curve.
 */
public record KittiEvaluation(int frames, Map<KittiClass, ClassResult> classes) {

    public KittiEvaluation {
        classes = Map.copyOf(classes);
    }

    /** One class: evaluated or not, and per difficulty its curve (empty when not evaluated). */
    public record ClassResult(KittiClass kittiClass, int detections, Map<KittiDifficulty, Curve> curves) {

        public ClassResult {
            curves = Map.copyOf(curves);
        }

        /** Whether the devkit evaluates the class: it has a detection whose box has left >= 0. */
        public boolean evaluated() {
            return !curves.isEmpty();
        }

        /** The AP (0..1) at {@code difficulty}, or empty when the class was not evaluated. */
        public OptionalDouble ap(KittiDifficulty difficulty, ApMetric metric) {
            Curve curve = curves.get(difficulty);
            return curve == null ? OptionalDouble.empty() : OptionalDouble.of(metric.of(curve.precision()));
        }
    }

    /**
     * The devkit's precision at its 41 sample points (monotone; entries past the last threshold are 0), with the
     * number of ground-truth objects that count at this difficulty (the recall denominator).
     */
    public record Curve(double[] precision, int groundTruth) {

        public Curve {
            precision = precision.clone();
        }

        /** A copy: the curve stays as computed. */
        @Override
        public double[] precision() {
            return precision.clone();
        }
    }

    public ClassResult of(KittiClass kittiClass) {
        return classes.get(kittiClass);
    }

    /** The mean AP over the evaluated classes at {@code difficulty}; empty when no class was evaluated. */
    public OptionalDouble meanAp(KittiDifficulty difficulty, ApMetric metric) {
        List<Double> aps = new ArrayList<>();
        for (KittiClass c : KittiClass.values()) {
            of(c).ap(difficulty, metric).ifPresent(aps::add);
        }
        return aps.stream().mapToDouble(Double::doubleValue).average();
    }
}
