package org.cnnworkbench.engine.compression;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * How each layer of a network is to be compressed: an ordered map from layer id (in the expanded spec) to its
 * {@link LayerPlan}. A weight layer the plan does not name is stored dense at 32 bits. Immutable; edits return a
 * new plan. Read and written as JSON by {@link CompressionPlanJson}.
 *
 * <pre>{@code
 * CompressionPlan plan = CompressionDefaults.forSpec(spec)
 *         .with(new LayerPlan("fc6", 0.05, 4, 4));
 * for (CompressionPlan.Problem p : plan.validate(spec)) {
 *     System.out.println(p);    // "fc9: not a layer of alexnet; ..."
 * }
 * }</pre>
 */
public final class CompressionPlan {

    private static final CompressionPlan EMPTY = new CompressionPlan(new LinkedHashMap<>());

    private final Map<String, LayerPlan> layers;

    private CompressionPlan(LinkedHashMap<String, LayerPlan> layers) {
        this.layers = Collections.unmodifiableMap(layers);
    }

    /** A plan that compresses nothing. */
    public static CompressionPlan empty() {
        return EMPTY;
    }

    /**
     * A plan of these layers, in this order.
     *
     * @throws IllegalArgumentException if two of them name the same layer
     */
    public static CompressionPlan of(Collection<LayerPlan> layers) {
        LinkedHashMap<String, LayerPlan> map = new LinkedHashMap<>();
        for (LayerPlan p : layers) {
            if (map.put(p.layer(), p) != null) {
                throw new IllegalArgumentException("layer '" + p.layer() + "' is planned twice");
            }
        }
        return new CompressionPlan(map);
    }

    /** The plans by layer id, in order. */
    public Map<String, LayerPlan> layers() {
        return layers;
    }

    public Optional<LayerPlan> layer(String id) {
        return Optional.ofNullable(layers.get(id));
    }

    public int size() {
        return layers.size();
    }

    /** This plan with {@code plan} added at the end, or replacing the plan of its layer in place. */
    public CompressionPlan with(LayerPlan plan) {
        LinkedHashMap<String, LayerPlan> copy = new LinkedHashMap<>(layers);
        copy.put(plan.layer(), plan);
        return new CompressionPlan(copy);
    }


    /**
     * The plan as methods apply it: without pruning every density is 1, without quantization every layer keeps
     * 32-bit values; layers left with neither are dropped (stored dense at 32 bits).
     */
    public CompressionPlan applied(boolean prune, boolean quantize) {
        List<LayerPlan> kept = new ArrayList<>();
        for (LayerPlan p : layers().values()) {
            double density = prune ? p.density() : 1.0;
            int bits = quantize ? p.bits() : LayerPlan.FLOAT32;
            if (density < 1 || bits < LayerPlan.FLOAT32) {
                kept.add(new LayerPlan(p.layer(), density, bits, p.gapBits()));
            }
        }
        return of(kept);
    }
    /** This plan without the layer, which is then stored dense. */
    public CompressionPlan without(String layer) {
        LinkedHashMap<String, LayerPlan> copy = new LinkedHashMap<>(layers);
        copy.remove(layer);
        return new CompressionPlan(copy);
    }

    /** A problem of one planned layer. */
    public record Problem(String layer, String message) {
        @Override
        public String toString() {
            return layer + ": " + message;
        }
    }

    /** {@link #validate(NetworkSpec, Analyzer)} with the built-in kinds. */
    public List<Problem> validate(NetworkSpec spec) {
        return validate(spec, Analyzer.standard());
    }

    /**
     * Every problem of the plan for {@code spec}, in plan order: layers that are not convolutions or fully
     * connected layers with weights in the expanded spec, and values out of range ({@link LayerPlan#problems()}).
     * Empty when the plan can be applied.
     */
    public List<Problem> validate(NetworkSpec spec, Analyzer analyzer) {
        return validate(WeightLayers.of(spec, analyzer), spec.name());
    }

    List<Problem> validate(WeightLayers weightLayers, String network) {
        List<Problem> problems = new ArrayList<>();
        for (LayerPlan p : layers.values()) {
            if (!weightLayers.weights.containsKey(p.layer())) {
                boolean exists = weightLayers.expanded.spec().contains(p.layer());
                problems.add(new Problem(p.layer(), exists
                        ? "has no weights to compress in " + network + "; only convolutions and fully connected "
                                + "layers are planned"
                        : "not a layer of " + network + "; the compressible layers are "
                                + abbreviate(weightLayers.weights.keySet())));
            }
            p.problems().forEach(m -> problems.add(new Problem(p.layer(), m)));
        }
        return problems;
    }

    private static String abbreviate(Collection<String> ids) {
        List<String> list = new ArrayList<>(ids);
        if (list.size() <= 8) {
            return String.join(", ", list);
        }
        return String.join(", ", list.subList(0, 6)) + ", ... (" + list.size() + " in all; Fire modules are "
                + "named by their parts, e.g. fire2/squeeze1x1)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompressionPlan other && new ArrayList<>(layers.values())
                .equals(new ArrayList<>(other.layers.values()));
    }

    @Override
    public int hashCode() {
        return new ArrayList<>(layers.values()).hashCode();
    }

    @Override
    public String toString() {
        return "CompressionPlan" + layers.values();
    }
}
