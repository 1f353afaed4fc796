package org.cnnworkbench.engine.detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy non-maximum suppression per class: within a class, the highest-scoring box is kept and every box of that
 * class overlapping it by more than the threshold (IoU) is dropped, then the next remaining one, and so on. Boxes of
 * different classes never suppress each other (a cyclist's box may contain a pedestrian's).
 *
 * <pre>{@code
 * List<Detection> kept = NonMaxSuppression.perClass(raw, 0.4, 64);
 * }</pre>
 */
public final class NonMaxSuppression {

    private NonMaxSuppression() {
    }

    /**
     * The kept boxes, highest score first, at most {@code maxDetections} of them (over all classes).
     *
     * @param iouThreshold a box is dropped when its IoU with a kept box of its class exceeds this
     */
    public static List<Detection> perClass(List<Detection> detections, double iouThreshold, int maxDetections) {
        if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("the NMS threshold must be in [0, 1], not " + iouThreshold);
        }
        List<Detection> sorted = new ArrayList<>(detections);
        // ties broken by position so that the result does not depend on the input order
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed()
                .thenComparingDouble(Detection::left).thenComparingDouble(Detection::top)
                .thenComparingDouble(Detection::right).thenComparingDouble(Detection::bottom));
        List<Detection> kept = new ArrayList<>();
        for (Detection d : sorted) {
            if (kept.size() >= maxDetections) {
                break;
            }
            boolean suppressed = false;
            for (Detection k : kept) {
                if (k.classIndex() == d.classIndex() && k.iou(d) > iouThreshold) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(d);
            }
        }
        return kept;
    }
}
