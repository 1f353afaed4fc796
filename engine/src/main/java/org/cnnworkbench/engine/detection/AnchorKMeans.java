package org.cnnworkbench.engine.detection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.cnnworkbench.engine.data.kitti.KittiCheck;

/**
 * Anchor shapes for a detection head: k-means over the training boxes' widths and heights with the distance
 * 1 - IoU of two boxes with the same centre (YOLOv2, Redmon & Farhadi 2017, section 2: Euclidean distance would
 * let large boxes dominate). Seeded k-means++ start, then Lloyd iterations with mean centroids until no box
 * changes cluster; an emptied cluster takes the box farthest from its centroid.
 *
 * <pre>{@code
 * AnchorKMeans.Result r = AnchorKMeans.fit(boxes, 9, 42);   // boxes: {width, height} in pixels
 * r.anchors();                                               // by area, smallest first
 * r.meanIoU();                                               // mean best IoU of a box with an anchor
 * }</pre>
 */
public final class AnchorKMeans {

    /** The most iterations; k-means on a few thousand 2-D points settles far sooner. */
    static final int MAX_ITERATIONS = 300;

    private AnchorKMeans() {
    }

    /**
     * Anchors and how well they fit.
     *
     * @param anchors the k shapes, by area (smallest first)
     * @param counts the boxes of each anchor's cluster, in the same order
     * @param meanIoU the mean over the boxes of their best IoU with an anchor
     * @param iterations the Lloyd iterations run
     */
    public record Result(List<KittiCheck.Anchor> anchors, List<Integer> counts, double meanIoU, int iterations) {
    }

    /**
     * Fits {@code k} anchors to {@code boxes} ({@code {width, height}} each, positive).
     *
     * @throws IllegalArgumentException if {@code k} is below 1 or there are fewer boxes than {@code k}
     */
    public static Result fit(List<double[]> boxes, int k, long seed) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, not " + k);
        }
        if (boxes.size() < k) {
            throw new IllegalArgumentException("there are " + boxes.size() + " boxes, fewer than the " + k
                    + " anchors asked for");
        }
        for (double[] b : boxes) {
            if (!(b[0] > 0 && b[1] > 0)) {
                throw new IllegalArgumentException("a box must have a positive width and height, not "
                        + b[0] + "x" + b[1]);
            }
        }
        Random random = new Random(seed);
        double[][] centroids = initialCentroids(boxes, k, random);
        int[] cluster = new int[boxes.size()];
        Arrays.fill(cluster, -1);
        int iteration = 0;
        boolean changed = true;
        while (changed && iteration < MAX_ITERATIONS) {
            iteration++;
            changed = false;
            for (int i = 0; i < boxes.size(); i++) {
                int best = nearest(boxes.get(i), centroids);
                if (best != cluster[i]) {
                    cluster[i] = best;
                    changed = true;
                }
            }
            centroids = means(boxes, cluster, centroids);
        }
        return result(boxes, cluster, centroids, iteration);
    }

    /** 1 - IoU of two boxes {@code {w, h}} with the same centre. */
    static double distance(double[] box, double[] centroid) {
        return 1 - iou(box[0], box[1], centroid[0], centroid[1]);
    }

    static double iou(double w1, double h1, double w2, double h2) {
        return new KittiCheck.Anchor(w2, h2).iou(w1, h1);
    }

    /** k-means++: each next centre is a box drawn with probability proportional to its squared distance. */
    private static double[][] initialCentroids(List<double[]> boxes, int k, Random random) {
        double[][] centroids = new double[k][];
        centroids[0] = boxes.get(random.nextInt(boxes.size())).clone();
        double[] nearestDistance = new double[boxes.size()];
        Arrays.fill(nearestDistance, Double.MAX_VALUE);
        double[] d2 = new double[boxes.size()];
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < boxes.size(); i++) {
                // only the centre chosen last can be nearer than before
                nearestDistance[i] = Math.min(nearestDistance[i], distance(boxes.get(i), centroids[c - 1]));
                d2[i] = nearestDistance[i] * nearestDistance[i];
                total += d2[i];
            }
            int chosen = 0;
            if (total > 0) {
                double r = random.nextDouble() * total;
                while (chosen < boxes.size() - 1 && (r -= d2[chosen]) > 0) {
                    chosen++;
                }
            } else {
                chosen = random.nextInt(boxes.size());   // every box sits on a centre already
            }
            centroids[c] = boxes.get(chosen).clone();
        }
        return centroids;
    }

    private static int nearest(double[] box, double[][] centroids) {
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int c = 0; c < centroids.length; c++) {
            double d = distance(box, centroids[c]);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    private static double[][] means(List<double[]> boxes, int[] cluster, double[][] previous) {
        int k = previous.length;
        double[][] sums = new double[k][2];
        int[] counts = new int[k];
        for (int i = 0; i < boxes.size(); i++) {
            sums[cluster[i]][0] += boxes.get(i)[0];
            sums[cluster[i]][1] += boxes.get(i)[1];
            counts[cluster[i]]++;
        }
        double[][] next = new double[k][];
        for (int c = 0; c < k; c++) {
            if (counts[c] > 0) {
                next[c] = new double[] {sums[c][0] / counts[c], sums[c][1] / counts[c]};
            } else {
                next[c] = farthest(boxes, cluster, previous).clone();
                cluster[indexOf(boxes, next[c])] = c;
            }
        }
        return next;
    }

    private static double[] farthest(List<double[]> boxes, int[] cluster, double[][] centroids) {
        double[] worst = boxes.get(0);
        double worstDistance = -1;
        for (int i = 0; i < boxes.size(); i++) {
            double d = distance(boxes.get(i), centroids[cluster[i]]);
            if (d > worstDistance) {
                worstDistance = d;
                worst = boxes.get(i);
            }
        }
        return worst;
    }

    private static int indexOf(List<double[]> boxes, double[] box) {
        for (int i = 0; i < boxes.size(); i++) {
            if (Arrays.equals(boxes.get(i), box)) {
                return i;
            }
        }
        throw new IllegalStateException("box not found");
    }

    private static Result result(List<double[]> boxes, int[] cluster, double[][] centroids, int iterations) {
        Integer[] order = new Integer[centroids.length];
        for (int c = 0; c < order.length; c++) {
            order[c] = c;
        }
        Arrays.sort(order, Comparator.comparingDouble(c -> centroids[c][0] * centroids[c][1]));
        int[] counts = new int[centroids.length];
        for (int c : cluster) {
            counts[c]++;
        }
        List<KittiCheck.Anchor> anchors = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int c : order) {
            anchors.add(new KittiCheck.Anchor(centroids[c][0], centroids[c][1]));
            sizes.add(counts[c]);
        }
        double sum = 0;
        for (double[] box : boxes) {
            double best = 0;
            for (double[] centroid : centroids) {
                best = Math.max(best, iou(box[0], box[1], centroid[0], centroid[1]));
            }
            sum += best;
        }
        return new Result(List.copyOf(anchors), List.copyOf(sizes), sum / boxes.size(), iterations);
    }
}
