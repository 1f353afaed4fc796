package org.cnnworkbench.engine.design;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.Diagnostic;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;

/**
 * Builds a SqueezeNet-style network from {@link SqueezeNetMetaparameters}; the layers around the Fire modules
 * follow {@link SqueezeNetMetaparameters#trunk()}. With {@link SqueezeNetMetaparameters#smallDefaults()} the
 * result has exactly the nodes of the {@code fashion-squeezenet} sample. With
 * {@link SqueezeNetMetaparameters#defaults()} the result has exactly the nodes of the {@code squeezenet-v1.0}
 * sample; with simple bypass, those of {@code squeezenet-v1.0-bypass}.
 *
 * <p>Layout, as in SqueezeNet v1.0: {@code data} (3 x input x input), {@code conv1} (7x7/2, ReLU), the Fire
 * modules {@code fire2 .. fire(N+1)}, a 3x3/2 max pool with Caffe's ceil rounding named {@code poolK} after each
 * layer {@code K} of {@link SqueezeNetMetaparameters#poolAfter()}, {@code dropK} (dropout 0.5) after the last
 * Fire module, {@code conv10} (1x1, one filter per class, ReLU), {@code pool10} (global average pool) and
 * {@code prob} (softmax).
 *
 * <p>Rounding, for Fire module {@code i} (0-based): {@code e_i = base_e + incr_e * floor(i / freq)} is an
 * integer; {@code e3x3 = round(pct_3x3 * e_i)} (half up) and {@code e1x1 = e_i - e3x3}, so both are at least 0
 * and always sum to {@code e_i}; {@code s1x1 = max(1, round(SR * e_i))} (half up), so that a module never has an
 * empty squeeze layer.
 */
public final class SqueezeNetGenerator {

    private SqueezeNetGenerator() {
    }

    /**
     * The network these metaparameters describe.
     *
     * @throws IllegalArgumentException with a message for people when the metaparameters make no network: a
     *         value out of range (see {@link SqueezeNetMetaparameters#problems()}), or a layout the analysis
     *         refuses, such as more pools than the input size allows
     */
    public static NetworkSpec generate(SqueezeNetMetaparameters m) {
        List<MetaparameterProblem> problems = m.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.stream().map(MetaparameterProblem::toString)
                    .collect(Collectors.joining("; ")));
        }
        NetworkSpec spec = build(m);
        AnalysisReport report = Analyzer.standard().analyze(spec);
        if (!report.isValid()) {
            // the first error is the cause; later ones usually follow from it
            List<Diagnostic> errors = report.diagnostics().stream().filter(Diagnostic::isError).toList();
            Diagnostic first = errors.get(0);
            throw new IllegalArgumentException("these metaparameters give no valid network: "
                    + (first.node() == null ? "" : first.node() + ": ") + first.message()
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more errors)" : ""));
        }
        return spec;
    }

    /** The filter counts of every Fire module, in order; the metaparameters must have no problems. */
    public static List<FireWidths> fireWidths(SqueezeNetMetaparameters m) {
        List<FireWidths> widths = new ArrayList<>(m.fireModules());
        for (int i = 0; i < m.fireModules(); i++) {
            int e = Math.toIntExact(m.baseE() + (long) m.incrE() * (i / m.freq()));
            int e3 = (int) Math.min(e, Math.max(0, Math.round(m.pct3x3() * e)));
            int s = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(m.squeezeRatio() * e)));
            widths.add(new FireWidths(s, e - e3, e3));
        }
        return widths;
    }

    private static NetworkSpec build(SqueezeNetMetaparameters m) {
        boolean small = m.trunk() == SqueezeNetMetaparameters.Trunk.SMALL;
        List<Node> nodes = new ArrayList<>();
        nodes.add(Node.of("data", "input", List.of(),
                params("channels", m.inputChannels(), "height", m.inputSize(), "width", m.inputSize())));
        String previous;
        if (small) {
            nodes.add(Node.of("conv1", "conv", List.of("data"),
                    params("filters", m.conv1Filters(), "kernel", 3, "pad", 1, "bias", false)));
            nodes.add(Node.of("bn1", "batchnorm", List.of("conv1")));
            nodes.add(Node.of("relu1", "relu", List.of("bn1")));
            previous = poolAfter(nodes, m, 1, "relu1");
        } else {
            nodes.add(Node.of("conv1", "conv", List.of("data"),
                    params("filters", m.conv1Filters(), "kernel", 7, "stride", 2, "activation", "relu")));
            previous = poolAfter(nodes, m, 1, "conv1");
        }
        long channels = m.conv1Filters();
        List<FireWidths> widths = fireWidths(m);
        for (int i = 0; i < widths.size(); i++) {
            FireWidths w = widths.get(i);
            int layer = i + 2;
            Map<String, Object> p = params("s1x1", w.s1x1(), "e1x1", w.e1x1(), "e3x3", w.e3x3());
            if (m.simpleBypass() && channels == w.expand()) {
                p.put("bypass", true);
            }
            String id = "fire" + layer;
            nodes.add(Node.of(id, "fire", List.of(previous), p));
            previous = id;
            if (small && (m.poolAfter().contains(layer) || i == widths.size() - 1)) {
                nodes.add(Node.of("bn" + layer, "batchnorm", List.of(id)));
                previous = "bn" + layer;
            }
            previous = poolAfter(nodes, m, layer, previous);
            channels = w.expand();
        }
        String drop = "drop" + (widths.size() + 1);
        nodes.add(small ? Node.of(drop, "dropout", List.of(previous), params("rate", 0.3))
                : Node.of(drop, "dropout", List.of(previous)));
        nodes.add(Node.of("conv10", "conv", List.of(drop), small ? params("filters", m.classes(), "kernel", 1)
                : params("filters", m.classes(), "kernel", 1, "activation", "relu")));
        nodes.add(Node.of("pool10", "globalavgpool", List.of("conv10")));
        nodes.add(Node.of("prob", "softmax", List.of("pool10")));
        return new NetworkSpec("squeezenet-generated", m.describe(), nodes);
    }

    private static String poolAfter(List<Node> nodes, SqueezeNetMetaparameters m, int layer, String id) {
        if (!m.poolAfter().contains(layer)) {
            return id;
        }
        String pool = "pool" + layer;
        nodes.add(Node.of(pool, "maxpool", List.of(id), m.trunk() == SqueezeNetMetaparameters.Trunk.SMALL
                ? params("kernel", 2, "stride", 2) : params("kernel", 3, "stride", 2, "rounding", "ceil")));
        return pool;
    }

    private static Map<String, Object> params(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
