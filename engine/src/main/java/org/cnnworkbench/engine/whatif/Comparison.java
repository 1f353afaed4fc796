package org.cnnworkbench.engine.whatif;

import java.util.List;
import java.util.Objects;

/**
 * Two networks side by side: their totals, the ratios b/a, the layers that differ and how far the change
 * reaches. Made by {@link NetworkComparator#compare}.
 *
 * @param a the first network (before an edit)
 * @param b the second network (after it)
 * @param outputRatio quantity of output, b/a: the convolutions' activations ({@link NetworkMetrics#convActivations})
 * @param activationsRatio activations of all layers, b/a
 * @param paramsRatio parameters, b/a
 * @param macsRatio MACs, b/a
 * @param changedLayers the layers that differ, in topological order (removed layers where they stood)
 * @param type how far the change reaches
 * @param editedLayers the layers whose own spec differs (the origins of the change)
 * @param affectedLayers the ids of {@code changedLayers}
 * @param explanation one or two sentences for people
 */
public record Comparison(NetworkMetrics a, NetworkMetrics b, double outputRatio, double activationsRatio,
                         double paramsRatio, double macsRatio, List<LayerChange> changedLayers, ChangeType type,
                         List<String> editedLayers, List<String> affectedLayers, String explanation) {

    public Comparison {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(type, "type");
        changedLayers = List.copyOf(changedLayers);
        editedLayers = List.copyOf(editedLayers);
        affectedLayers = List.copyOf(affectedLayers);
    }

    /**
     * {@code b / a}; 1 when both are 0, positive infinity when only {@code a} is 0.
     */
    public static double ratio(long b, long a) {
        if (a == 0) {
            return b == 0 ? 1.0 : Double.POSITIVE_INFINITY;
        }
        return (double) b / a;
    }

    /** A ratio as the published tables write it: one decimal and an x, with 1.0 written {@code 1x}. */
    public static String times(double ratio) {
        if (Double.isInfinite(ratio)) {
            return "inf";
        }
        String s = String.format(java.util.Locale.ROOT, "%.1f", ratio);
        return (s.endsWith(".0") ? s.substring(0, s.length() - 2) : s) + "x";
    }
}
