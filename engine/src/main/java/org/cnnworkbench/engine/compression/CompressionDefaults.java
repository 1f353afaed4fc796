package org.cnnworkbench.engine.compression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;

/**
 * The published compression settings as default plans (docs/compression.md, "Analytic size"):
 *
 * <ul>
 *   <li>{@link #deepCompression}: Han, Mao and Dally, "Deep Compression" (ICLR 2016), Table 4 for AlexNet, by
 *       layer id; for other networks without Fire modules a generic rule drawn from that table: the first
 *       convolution keeps 84%, every other convolution 37% (conv2..conv5 keep 35-38%), at 8 bits; fully
 *       connected layers keep 9% at 5 bits, except the last one (the classifier), which keeps 25%.</li>
 *   <li>{@link #squeezeNet}: Iandola et al., "SqueezeNet", Table 1, at 6 bits, by Fire module number (fire2 to
 *       fire9); the first convolution keeps 100%, the last weight layer (conv10, the classifier) 20%.</li>
 * </ul>
 *
 * Every layer gets a gap (relative index) width of {@value #GAP_BITS} bits: the paper gives 8 bits for conv and
 * 5 for fc in its section 2 but 4 bits in section 5.2, and the authors' released AlexNet decoder reads 4-bit
 * gaps; with Huffman coding of the gaps the fixed width matters little, and a narrow one wastes less in dense
 * layers.
 *
 * <pre>{@code
 * CompressionPlan plan = CompressionDefaults.forSpec(spec);       // squeezeNet(spec) if it has Fire modules
 * plan.layer("fire9/expand3x3").orElseThrow().density();          // 0.30
 * }</pre>
 */
public final class CompressionDefaults {

    /** The default width of the relative index (gap) field. */
    public static final int GAP_BITS = 4;
    /** Bits of the shared weights of conv layers in Deep Compression's AlexNet (Table 4). */
    public static final int CONV_BITS = 8;
    /** Bits of the shared weights of fc layers in Deep Compression's AlexNet (Table 4). */
    public static final int FC_BITS = 5;
    /** Bits of the shared weights in the SqueezeNet paper's compressed model (0.47 MB). */
    public static final int SQUEEZENET_BITS = 6;

    /** Deep Compression, Table 4: weights kept per AlexNet layer. */
    static final Map<String, Double> ALEXNET_DENSITY = alexnet();

    private static final Pattern FIRE_NUMBER = Pattern.compile("fire(\\d+)");

    private CompressionDefaults() {
    }

    private static Map<String, Double> alexnet() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("conv1", 0.84);
        m.put("conv2", 0.38);
        m.put("conv3", 0.35);
        m.put("conv4", 0.37);
        m.put("conv5", 0.37);
        m.put("fc6", 0.09);
        m.put("fc7", 0.09);
        m.put("fc8", 0.25);
        return m;
    }

    /** {@link #squeezeNet} if the spec has a Fire module, otherwise {@link #deepCompression}. */
    public static CompressionPlan forSpec(NetworkSpec spec) {
        return forSpec(spec, Analyzer.standard());
    }

    public static CompressionPlan forSpec(NetworkSpec spec, Analyzer analyzer) {
        return forSpec(spec, WeightLayers.of(spec, analyzer));
    }

    static CompressionPlan forSpec(NetworkSpec spec, WeightLayers layers) {
        return hasFire(spec) ? squeezeNet(spec, layers) : deepCompression(layers);
    }

    static boolean hasFire(NetworkSpec spec) {
        return spec.nodes().stream().anyMatch(n -> n.kind().equals("fire"));
    }

    /** Deep Compression's AlexNet settings, by layer id or by the generic rule (see the class comment). */
    public static CompressionPlan deepCompression(NetworkSpec spec) {
        return deepCompression(spec, Analyzer.standard());
    }

    public static CompressionPlan deepCompression(NetworkSpec spec, Analyzer analyzer) {
        return deepCompression(WeightLayers.of(spec, analyzer));
    }

    private static CompressionPlan deepCompression(WeightLayers layers) {
        boolean alexnetIds = layers.weights.keySet().containsAll(ALEXNET_DENSITY.keySet());
        String lastFc = layers.dense.isEmpty() ? null : layers.dense.get(layers.dense.size() - 1);
        boolean firstConv = true;
        List<LayerPlan> plans = new ArrayList<>();
        for (String id : layers.weights.keySet()) {
            boolean fc = layers.dense.contains(id);
            int bits = fc ? FC_BITS : CONV_BITS;
            double density;
            if (alexnetIds && ALEXNET_DENSITY.containsKey(id)) {
                density = ALEXNET_DENSITY.get(id);
            } else if (fc) {
                density = id.equals(lastFc) ? 0.25 : 0.09;
            } else {
                density = firstConv ? 0.84 : 0.37;
            }
            firstConv &= fc;
            plans.add(new LayerPlan(id, density, bits, GAP_BITS));
        }
        return CompressionPlan.of(plans);
    }

    /** The SqueezeNet paper's settings (see the class comment and {@link #fireDensity}). */
    public static CompressionPlan squeezeNet(NetworkSpec spec) {
        return squeezeNet(spec, Analyzer.standard());
    }

    public static CompressionPlan squeezeNet(NetworkSpec spec, Analyzer analyzer) {
        return squeezeNet(spec, WeightLayers.of(spec, analyzer));
    }

    private static CompressionPlan squeezeNet(NetworkSpec spec, WeightLayers layers) {
        Map<String, Integer> fireNumbers = fireNumbers(spec);
        List<String> ids = new ArrayList<>(layers.weights.keySet());
        List<LayerPlan> plans = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            double density;
            int slash = id.lastIndexOf('/');
            Integer fire = slash < 0 ? null : fireNumbers.get(id.substring(0, slash));
            if (fire != null) {
                density = fireDensity(fire, part(id.substring(slash + 1)));
            } else if (i == ids.size() - 1) {
                density = 0.20;
            } else if (i == 0) {
                density = 1.0;
            } else {
                density = 0.33;
            }
            plans.add(new LayerPlan(id, density, SQUEEZENET_BITS, GAP_BITS));
        }
        return CompressionPlan.of(plans);
    }

    /** The parts of a Fire module. */
    public enum FirePart { SQUEEZE, EXPAND_1X1, EXPAND_3X3 }

    private static FirePart part(String name) {
        String base = name.contains("~") ? name.substring(0, name.indexOf('~')) : name;
        return switch (base) {
            case "squeeze1x1" -> FirePart.SQUEEZE;
            case "expand1x1" -> FirePart.EXPAND_1X1;
            default -> FirePart.EXPAND_3X3;
        };
    }

    /**
     * The weights kept in a part of Fire module {@code fireN} by the SqueezeNet paper's Table 1: fire2-fire5 prune
     * only expand3x3 (33%); fire6 and fire8 prune expand1x1 to 50% and expand3x3 to 33%; fire7 prunes squeeze to
     * 50% and expand3x3 to 33%; fire9 prunes squeeze to 50% and expand3x3 to 30%. Numbers below 2 take fire2's
     * rule and numbers above 9 fire9's, the nearest stated ones.
     */
    public static double fireDensity(int fire, FirePart part) {
        int n = Math.max(2, Math.min(9, fire));
        return switch (part) {
            case SQUEEZE -> n == 7 || n == 9 ? 0.50 : 1.0;
            case EXPAND_1X1 -> n == 6 || n == 8 ? 0.50 : 1.0;
            case EXPAND_3X3 -> n == 9 ? 0.30 : 0.33;
        };
    }

    /**
     * The number of each Fire module: from its id when it is {@code fireN}, otherwise from its position (the k-th
     * Fire module in the file, counting from 0, is taken as fire(k + 2), as in SqueezeNet).
     */
    static Map<String, Integer> fireNumbers(NetworkSpec spec) {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        int position = 0;
        for (Node node : spec.nodes()) {
            if (node.kind().equals("fire")) {
                Matcher m = FIRE_NUMBER.matcher(node.id());
                int n = m.matches() && m.group(1).length() < 6 ? Integer.parseInt(m.group(1)) : position + 2;
                numbers.put(node.id(), n);
                position++;
            }
        }
        return numbers;
    }
}
