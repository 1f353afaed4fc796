package org.cnnworkbench.engine.compression;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.cnnworkbench.engine.compression.CompressedSizeEstimate.LayerSize;

/**
 * Chooses each layer's density and bits from per-layer sensitivity curves: for every layer, the validation
 * accuracy measured with only that layer pruned (or quantized) to each candidate setting (docs/compression.md,
 * "Choosing densities").
 *
 * <ul>
 *   <li>{@link #forMaxLoss}: per layer, the candidate with the fewest estimated bytes (the smallest density, or
 *       the fewest bits) whose measured loss against the baseline is at most the allowed loss; a layer with no
 *       such candidate stays dense at 32 bits.</li>
 *   <li>{@link #forTargetSize}: greedy. Every layer starts at its largest candidate (in estimated bytes); then,
 *       while the estimated size is above the target, the layer whose next smaller candidate costs the least
 *       measured accuracy per byte saved moves to it (ties: the earlier layer). If every layer is at its smallest
 *       candidate and the target is still not met, the result says so with the size reached.</li>
 * </ul>
 *
 * Sizes are {@link CompressedSizeEstimate} bytes; accuracies are in percent and losses in percentage points.
 * The loss reported for a plan is the sum of the layers' measured losses, an approximation (layers are measured
 * one at a time). Deterministic: the same input gives the same plan.
 *
 * <pre>{@code
 * CompressionPlan defaults = CompressionDefaults.forSpec(spec);
 * CompressedSizeEstimate base = CompressedSizeEstimate.of(spec, defaults);
 * List<PlanSelection.Curve> curves = ...;   // measured: one layer pruned at a time
 * long fixed = base.bytesOutside(curves.stream().map(PlanSelection.Curve::layer).toList());
 * PlanSelection.Result r = PlanSelection.forTargetSize(57.5, curves, fixed, 480_000);
 * CompressionPlan plan = r.applyTo(defaults);
 * System.out.println(r.message());
 * }</pre>
 */
public final class PlanSelection {

    /** Measured accuracies within this of the allowed loss count as within it (decimal arithmetic). */
    private static final double TOLERANCE = 1e-9;

    private PlanSelection() {
    }

    /** One measured setting of one layer: the accuracy (percent) with only this layer at this density and bits. */
    public record Point(double density, int bits, double accuracy) {
    }

    /**
     * The sensitivity curve of one layer.
     *
     * @param weights the layer's weight count (from the analysis of the expanded spec)
     * @param gapBits the gap width used for every candidate of the layer
     * @param points  the measured settings, in any order
     */
    public record Curve(String layer, long weights, int gapBits, List<Point> points) {
        public Curve {
            Objects.requireNonNull(layer, "layer");
            points = List.copyOf(points);
        }
    }

    /**
     * A selection.
     *
     * @param plan           the chosen setting of every layer that has a curve
     * @param estimatedBytes the estimated size of the whole model: the fixed bytes plus the chosen layers
     * @param summedLoss     the sum of the chosen settings' measured losses, in percentage points
     * @param reached        whether the target (size or loss) is met
     * @param message        what was chosen, or why the target cannot be met
     */
    public record Result(CompressionPlan plan, long estimatedBytes, double summedLoss, boolean reached,
                         String message) {

        /** {@code base} with the plans of the chosen layers replaced (or added). */
        public CompressionPlan applyTo(CompressionPlan base) {
            CompressionPlan merged = base;
            for (LayerPlan p : plan.layers().values()) {
                merged = merged.with(p);
            }
            return merged;
        }
    }

    private record Candidate(LayerPlan plan, long bytes, double accuracy) {
    }

    /**
     * Per layer, the smallest candidate whose loss {@code baselineAccuracy - accuracy} is at most
     * {@code maxLossPoints}; layers with none stay dense at 32 bits.
     *
     * @param fixedBytes bytes of everything the curves do not cover ({@link CompressedSizeEstimate#bytesOutside})
     */
    public static Result forMaxLoss(double baselineAccuracy, List<Curve> curves, double maxLossPoints,
                                    long fixedBytes) {
        List<LayerPlan> chosen = new ArrayList<>();
        List<String> unsafe = new ArrayList<>();
        long bytes = fixedBytes;
        double loss = 0;
        for (Curve curve : curves) {
            Candidate best = null;
            for (Candidate c : candidates(curve)) {
                boolean within = baselineAccuracy - c.accuracy() <= maxLossPoints + TOLERANCE;
                if (within && (best == null || c.bytes() < best.bytes())) {
                    best = c;
                }
            }
            if (best == null) {
                LayerPlan dense = new LayerPlan(curve.layer(), 1.0, LayerPlan.FLOAT32, curve.gapBits());
                best = new Candidate(dense, LayerSize.of(curve.weights(), dense).bytes(), baselineAccuracy);
                unsafe.add(curve.layer());
            }
            chosen.add(best.plan());
            bytes = Math.addExact(bytes, best.bytes());
            loss += baselineAccuracy - best.accuracy();
        }
        String message = String.format(Locale.ROOT, "every layer within %.2f points of %.2f%%: %,d bytes estimated",
                maxLossPoints, baselineAccuracy, bytes)
                + (unsafe.isEmpty() ? "" : "; no measured setting of " + String.join(", ", unsafe)
                        + " is within the loss, so they stay dense at 32 bits");
        return new Result(CompressionPlan.of(chosen), bytes, loss, true, message);
    }

    /**
     * The greedy selection for a total of at most {@code targetBytes} (see the class comment).
     *
     * @param fixedBytes bytes of everything the curves do not cover ({@link CompressedSizeEstimate#bytesOutside})
     */
    public static Result forTargetSize(double baselineAccuracy, List<Curve> curves, long fixedBytes,
                                       long targetBytes) {
        List<List<Candidate>> steps = new ArrayList<>();
        for (Curve curve : curves) {
            steps.add(decreasing(candidates(curve)));
        }
        int[] at = new int[curves.size()];
        long bytes = fixedBytes;
        for (List<Candidate> s : steps) {
            bytes = Math.addExact(bytes, s.get(0).bytes());
        }
        while (bytes > targetBytes) {
            int move = -1;
            double bestCost = Double.POSITIVE_INFINITY;
            for (int i = 0; i < steps.size(); i++) {
                List<Candidate> s = steps.get(i);
                if (at[i] + 1 < s.size()) {
                    Candidate now = s.get(at[i]);
                    Candidate next = s.get(at[i] + 1);
                    double cost = (now.accuracy() - next.accuracy()) / (now.bytes() - next.bytes());
                    if (cost < bestCost) {
                        bestCost = cost;
                        move = i;
                    }
                }
            }
            if (move < 0) {
                break;
            }
            List<Candidate> s = steps.get(move);
            bytes -= s.get(at[move]).bytes() - s.get(at[move] + 1).bytes();
            at[move]++;
        }
        List<LayerPlan> chosen = new ArrayList<>();
        double loss = 0;
        for (int i = 0; i < steps.size(); i++) {
            Candidate c = steps.get(i).get(at[i]);
            chosen.add(c.plan());
            loss += baselineAccuracy - c.accuracy();
        }
        boolean reached = bytes <= targetBytes;
        String message = reached
                ? String.format(Locale.ROOT, "%,d bytes estimated, within the target of %,d; summed measured loss "
                        + "%.2f points", bytes, targetBytes, loss)
                : String.format(Locale.ROOT, "the target of %,d bytes cannot be reached with the measured settings: "
                        + "the smallest of every layer give %,d bytes (%,d of them outside the chosen layers); "
                        + "measure smaller densities or fewer bits, or choose a larger target", targetBytes, bytes,
                        fixedBytes);
        return new Result(CompressionPlan.of(chosen), bytes, loss, reached, message);
    }

    /** The curve's points with their estimated bytes, largest first (ties: more accurate, denser, more bits). */
    private static List<Candidate> candidates(Curve curve) {
        if (curve.points().isEmpty()) {
            throw new IllegalArgumentException("layer " + curve.layer() + " has no measured points");
        }
        List<Candidate> list = new ArrayList<>();
        for (Point p : curve.points()) {
            LayerPlan plan = new LayerPlan(curve.layer(), p.density(), p.bits(), curve.gapBits());
            list.add(new Candidate(plan, LayerSize.of(curve.weights(), plan).bytes(), p.accuracy()));
        }
        list.sort(Comparator.comparingLong(Candidate::bytes).reversed()
                .thenComparing(Comparator.comparingDouble(Candidate::accuracy).reversed())
                .thenComparing(c -> -c.plan().density())
                .thenComparing(c -> -c.plan().bits()));
        return list;
    }

    /** The candidates with strictly decreasing bytes: of several of the same size, the first (most accurate). */
    private static List<Candidate> decreasing(List<Candidate> sorted) {
        List<Candidate> steps = new ArrayList<>();
        for (Candidate c : sorted) {
            if (steps.isEmpty() || c.bytes() < steps.get(steps.size() - 1).bytes()) {
                steps.add(c);
            }
        }
        return steps;
    }
}
