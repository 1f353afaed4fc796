package org.cnnworkbench.app.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.cnnworkbench.engine.model.NetworkSpec;

/** The layers SVD factorises: a rank ({@code fc7=64}) or a fraction of the energy ({@code fc6=0.8}) each. */
public final class SvdLayers {

    /** The fraction of the squared singular values kept by default. */
    public static final double DEFAULT_ENERGY = 0.8;

    private SvdLayers() {
    }

    /** Every fully connected layer but the last, at {@link #DEFAULT_ENERGY} of its energy. */
    public static Map<String, Double> defaults(NetworkSpec network) {
        List<String> fc = network.nodes().stream().filter(n -> "fc".equals(n.kind())).map(n -> n.id()).toList();
        Map<String, Double> layers = new LinkedHashMap<>();
        for (int i = 0; i + 1 < fc.size(); i++) {
            layers.put(fc.get(i), DEFAULT_ENERGY);
        }
        return layers;
    }

    /**
     * Reads {@code "fc6=0.8, fc7=64"}.
     *
     * @throws IllegalArgumentException naming the part that is not {@code LAYER=NUMBER}
     */
    public static Map<String, Double> parse(String text) {
        Map<String, Double> layers = new LinkedHashMap<>();
        for (String part : text.split("[,;]")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("SVD layers: '" + p + "' is not LAYER=RANK or LAYER=ENERGY, e.g. "
                        + "fc6=0.8, fc7=64");
            }
            String layer = p.substring(0, eq).strip();
            try {
                layers.put(layer, Double.parseDouble(p.substring(eq + 1).strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("SVD layers: the value of '" + layer + "' is not a number");
            }
        }
        return layers;
    }

    /** The text {@link #parse} reads back. */
    public static String format(Map<String, Double> layers) {
        return layers.entrySet().stream().map(e -> e.getKey() + "=" + (e.getValue() == Math.rint(e.getValue())
                ? Long.toString(e.getValue().longValue()) : String.format(Locale.ROOT, "%s", e.getValue())))
                .collect(Collectors.joining(", "));
    }
}
