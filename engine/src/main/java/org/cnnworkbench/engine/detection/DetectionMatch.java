package org.cnnworkbench.engine.detection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.cnnworkbench.engine.data.kitti.KittiLabel;

/**
 * Which predictions of one image find a ground-truth object, for colouring boxes: predictions are taken by score,
 * highest first, and each takes the free ground-truth object of its type with the largest IoU when that IoU
 * exceeds the class's KITTI threshold ({@link KittiClass#minOverlap()}: Car 0.7, Pedestrian and Cyclist 0.5;
 * other types 0.5). A prediction that finds none is ignored, as the devkit ignores it, when it overlaps an object
 * of the neighbouring class (a Car on a Van) by the same threshold or lies more than half inside a DontCare
 * region; otherwise it is a false positive.
 *
 * <p>This is a per-image picture, not the evaluation: every object counts whatever its difficulty level, and no
 * precision/recall curve is drawn ({@link KittiEvaluator} does that).
 *
 * <pre>{@code
 * DetectionMatch.Result r = DetectionMatch.match(image.truth(), image.predictions());
 * r.outcomes().get(0);   // TRUE_POSITIVE, FALSE_POSITIVE or IGNORED
 * }</pre>
 */
public final class DetectionMatch {

    /** The IoU threshold of types the KITTI benchmark does not evaluate. */
    public static final double OTHER_MIN_OVERLAP = 0.5;
    /** How much of a prediction must lie inside a DontCare region for it to be ignored. */
    public static final double DONT_CARE_COVER = 0.5;

    /** What became of one prediction. */
    public enum Outcome {
        TRUE_POSITIVE, FALSE_POSITIVE, IGNORED
    }

    /**
     * The outcome of each prediction and whether each ground-truth object was found, both in the order given
     * (a DontCare region counts as found: it cannot be missed).
     */
    public record Result(List<Outcome> outcomes, List<Boolean> found) {

        public Result {
            outcomes = List.copyOf(outcomes);
            found = List.copyOf(found);
        }

        public int truePositives() {
            return count(Outcome.TRUE_POSITIVE);
        }

        public int falsePositives() {
            return count(Outcome.FALSE_POSITIVE);
        }

        /** Ground-truth objects no prediction found. */
        public int missed() {
            return (int) found.stream().filter(f -> !f).count();
        }

        private int count(Outcome o) {
            return (int) outcomes.stream().filter(o::equals).count();
        }
    }

    private DetectionMatch() {
    }

    /** The IoU a prediction of {@code type} must exceed to match. */
    public static double minOverlap(String type) {
        return Arrays.stream(KittiClass.values()).filter(c -> c.label().equalsIgnoreCase(type)).findFirst()
                .map(KittiClass::minOverlap).orElse(OTHER_MIN_OVERLAP);
    }

    /** Matches {@code predictions} (with scores) against {@code truth} of the same image. */
    public static Result match(List<KittiLabel> truth, List<KittiLabel> predictions) {
        boolean[] taken = new boolean[truth.size()];
        Outcome[] outcomes = new Outcome[predictions.size()];
        List<Integer> order = IntStream.range(0, predictions.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -score(predictions.get(i)))).toList();
        for (int i : order) {
            KittiLabel p = predictions.get(i);
            double threshold = minOverlap(p.type());
            int best = -1;
            double bestIou = threshold;
            for (int g = 0; g < truth.size(); g++) {
                KittiLabel t = truth.get(g);
                if (!taken[g] && !t.isDontCare() && t.is(p.type())) {
                    double iou = p.iou(t);
                    if (iou > bestIou) {
                        best = g;
                        bestIou = iou;
                    }
                }
            }
            if (best >= 0) {
                taken[best] = true;
                outcomes[i] = Outcome.TRUE_POSITIVE;
            } else {
                outcomes[i] = ignored(p, truth, threshold) ? Outcome.IGNORED : Outcome.FALSE_POSITIVE;
            }
        }
        List<Boolean> found = new ArrayList<>();
        for (int g = 0; g < truth.size(); g++) {
            found.add(taken[g] || truth.get(g).isDontCare());
        }
        return new Result(Arrays.asList(outcomes), found);
    }

    private static boolean ignored(KittiLabel p, List<KittiLabel> truth, double threshold) {
        String neighbour = Arrays.stream(KittiClass.values()).filter(c -> c.label().equalsIgnoreCase(p.type()))
                .findFirst().flatMap(KittiClass::neighbour).orElse(null);
        for (KittiLabel t : truth) {
            if (t.isDontCare() ? p.coveredBy(t) > DONT_CARE_COVER
                    : neighbour != null && t.is(neighbour) && p.iou(t) > threshold) {
                return true;
            }
        }
        return false;
    }

    private static double score(KittiLabel p) {
        return Double.isNaN(p.score()) ? 0 : p.score();
    }
}
