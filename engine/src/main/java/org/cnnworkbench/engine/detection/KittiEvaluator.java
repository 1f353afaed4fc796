package org.cnnworkbench.engine.detection;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.data.kitti.KittiLabel;

/**
 * The 2D-box evaluation of the official KITTI object devkit ({@code cpp/evaluate_object.cpp}), quirks included,
 * so that its numbers can be compared with the leaderboard. See docs/kitti-evaluation.md for every rule.
 *
 * <pre>{@code
 * KittiEvaluation e = KittiEvaluator.evaluate(frames);
 * double carModerate = e.of(KittiClass.CAR).ap(KittiDifficulty.MODERATE, ApMetric.R40).orElse(Double.NaN);
 * }</pre>
 */
public final class KittiEvaluator {

    /** Points of the precision curve: recall 0, 1/40, ..., 1. */
    public static final int SAMPLE_POINTS = 41;

        // the devkit's ignored_gt and ignored_det values
    private static final int COUNTED = 0;
    private static final int IGNORED = 1;
    private static final int OTHER = -1;

    private KittiEvaluator() {
    }

    /**
     * Every class at every difficulty; a class without a single detection whose box has left >= 0 is not
     * evaluated (as in the devkit, where a box of -1s marks a 3D-only result).
     */
    public static KittiEvaluation evaluate(List<KittiFrame> frames) {
        Map<KittiClass, KittiEvaluation.ClassResult> results = new EnumMap<>(KittiClass.class);
        for (KittiClass c : KittiClass.values()) {
            int detections = 0;
            boolean evaluated = false;
            for (KittiFrame frame : frames) {
                for (KittiLabel d : frame.detections()) {
                    if (d.is(c.label())) {
                        detections++;
                        // the devkit's loadDetections: only a box with left >= 0 makes the class evaluated
                        evaluated |= d.left() >= 0;
                    }
                }
            }
            Map<KittiDifficulty, KittiEvaluation.Curve> curves = new EnumMap<>(KittiDifficulty.class);
            if (evaluated) {
                for (KittiDifficulty d : KittiDifficulty.values()) {
                    curves.put(d, curve(frames, c, d));
                }
            }
            results.put(c, new KittiEvaluation.ClassResult(c, detections, curves));
        }
        return new KittiEvaluation(frames.size(), results);
    }

    /** The devkit's {@code eval_class}: thresholds from the true positives' scores, then counts at each. */
    static KittiEvaluation.Curve curve(List<KittiFrame> frames, KittiClass c, KittiDifficulty difficulty) {
        List<Cleaned> cleaned = new ArrayList<>();
        List<Double> tpScores = new ArrayList<>();
        int groundTruth = 0;
        for (KittiFrame frame : frames) {
            Cleaned f = clean(frame, c, difficulty);
            cleaned.add(f);
            groundTruth += f.counted;
            tpScores.addAll(statistics(f, c, false, 0).tpScores);
        }
        double[] thresholds = thresholds(tpScores, groundTruth);
        double[] precision = new double[SAMPLE_POINTS];
        for (int t = 0; t < thresholds.length; t++) {
            long tp = 0;
            long fp = 0;
            for (Cleaned f : cleaned) {
                Stats s = statistics(f, c, true, thresholds[t]);
                tp += s.tp;
                fp += s.fp;
            }
            // the devkit would divide 0 by 0 here; 0 keeps the curve a number
            precision[t] = tp + fp == 0 ? 0 : tp / (double) (tp + fp);
        }
        for (int t = 0; t < thresholds.length; t++) {
            for (int u = t + 1; u < precision.length; u++) {
                precision[t] = Math.max(precision[t], precision[u]);
            }
        }
        return new KittiEvaluation.Curve(precision, groundTruth);
    }

    /**
     * The devkit's {@code getThresholds}: walking the true positives' scores from the highest, a score becomes a
     * threshold when its recall is nearer the next sample point (steps of 1/40) than the following score's;
     * the last score always does. At most {@link #SAMPLE_POINTS}.
     */
    static double[] thresholds(List<Double> scores, int groundTruth) {
        double[] v = scores.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        List<Double> t = new ArrayList<>();
        double currentRecall = 0;
        for (int k = 0; k < v.length; k++) {
            int i = v.length - 1 - k;           // descending
            double lRecall = (k + 1) / (double) groundTruth;
            double rRecall = k < v.length - 1 ? (k + 2) / (double) groundTruth : lRecall;
            if (rRecall - currentRecall < currentRecall - lRecall && k < v.length - 1) {
                continue;
            }
            t.add(v[i]);
            currentRecall += 1.0 / (SAMPLE_POINTS - 1.0);
        }
        return t.stream().limit(SAMPLE_POINTS).mapToDouble(Double::doubleValue).toArray();
    }

    /** One frame after the devkit's {@code cleanData}. */
    private record Cleaned(List<KittiLabel> truth, int[] ignoredTruth, List<KittiLabel> dontCare,
                           List<KittiLabel> detections, int[] ignoredDetection, int counted) {
    }

    private static Cleaned clean(KittiFrame frame, KittiClass c, KittiDifficulty difficulty) {
        List<KittiLabel> truth = frame.truth();
        int[] ignoredTruth = new int[truth.size()];
        int counted = 0;
        List<KittiLabel> dontCare = new ArrayList<>();
        for (int i = 0; i < truth.size(); i++) {
            KittiLabel g = truth.get(i);
            boolean sameClass = g.is(c.label());
            boolean neighbour = !sameClass && c.neighbour().map(g::is).orElse(false);
            boolean outsideLevel = difficulty.excludes(g);
            if (sameClass && !outsideLevel) {
                ignoredTruth[i] = COUNTED;
                counted++;
            } else if (neighbour || sameClass) {
                ignoredTruth[i] = IGNORED;
            } else {
                ignoredTruth[i] = OTHER;
            }
            if (g.is(KittiLabel.DONT_CARE)) {
                dontCare.add(g);
            }
        }
        List<KittiLabel> detections = frame.detections();
        int[] ignoredDetection = new int[detections.size()];
        for (int j = 0; j < detections.size(); j++) {
            KittiLabel d = detections.get(j);
            // the devkit tests the height first: a small detection of ANY class is "ignored", not "other"
            ignoredDetection[j] = difficulty.tooSmall(d) ? IGNORED : d.is(c.label()) ? COUNTED : OTHER;
        }
        return new Cleaned(truth, ignoredTruth, dontCare, detections, ignoredDetection, counted);
    }

    private record Stats(int tp, int fp, List<Double> tpScores) {
    }

    private static final double NO_DETECTION = -10_000_000;

    /**
     * The devkit's {@code computeStatistics} for one frame. Without {@code computeFp} (choosing thresholds) each
     * ground-truth object takes the highest-scoring free detection above the IoU threshold; with it (counting at
     * {@code threshold}) the free detection of largest overlap, a counted detection before an ignored one.
     */
    private static Stats statistics(Cleaned f, KittiClass c, boolean computeFp, double threshold) {
        List<KittiLabel> det = f.detections;
        boolean[] assigned = new boolean[det.size()];
        boolean[] belowThreshold = new boolean[det.size()];
        if (computeFp) {
            for (int j = 0; j < det.size(); j++) {
                belowThreshold[j] = det.get(j).scoreOrThrow() < threshold;
            }
        }
        int tp = 0;
        List<Double> tpScores = new ArrayList<>();
        for (int i = 0; i < f.truth.size(); i++) {
            if (f.ignoredTruth[i] == OTHER) {
                continue;
            }
            KittiLabel gt = f.truth.get(i);
            int detIdx = -1;
            double validDetection = NO_DETECTION;
            double maxIou = 0;
            boolean assignedIgnoredDet = false;
            for (int j = 0; j < det.size(); j++) {
                if (f.ignoredDetection[j] == OTHER || assigned[j] || belowThreshold[j]) {
                    continue;
                }
                double overlap = det.get(j).iou(gt);
                double score = det.get(j).scoreOrThrow();
                if (!computeFp && overlap > c.minOverlap() && score > validDetection) {
                    detIdx = j;
                    validDetection = score;
                } else if (computeFp && overlap > c.minOverlap() && (overlap > maxIou || assignedIgnoredDet)
                        && f.ignoredDetection[j] == COUNTED) {
                    maxIou = overlap;
                    detIdx = j;
                    validDetection = 1;
                    assignedIgnoredDet = false;
                } else if (computeFp && overlap > c.minOverlap() && validDetection == NO_DETECTION
                        && f.ignoredDetection[j] == IGNORED) {
                    detIdx = j;
                    validDetection = 1;
                    assignedIgnoredDet = true;
                }
            }
            if (validDetection == NO_DETECTION) {
                continue;       // a miss: a false negative when this ground truth counts (recall is not needed)
            }
            assigned[detIdx] = true;
            if (f.ignoredTruth[i] == COUNTED && f.ignoredDetection[detIdx] == COUNTED) {
                tp++;
                tpScores.add(det.get(detIdx).scoreOrThrow());
            }
        }
        int fp = 0;
        if (computeFp) {
            for (int j = 0; j < det.size(); j++) {
                if (!assigned[j] && f.ignoredDetection[j] == COUNTED && !belowThreshold[j]) {
                    fp++;
                }
            }
            // detections mostly inside a DontCare region are not false positives
            for (KittiLabel dc : f.dontCare) {
                for (int j = 0; j < det.size(); j++) {
                    if (assigned[j] || f.ignoredDetection[j] != COUNTED || belowThreshold[j]) {
                        continue;
                    }
                    if (det.get(j).coveredBy(dc) > c.minOverlap()) {
                        assigned[j] = true;
                        fp--;
                    }
                }
            }
        }
        return new Stats(tp, fp, tpScores);
    }
}
