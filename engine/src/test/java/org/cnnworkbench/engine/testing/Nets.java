package org.cnnworkbench.engine.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.Diagnostic;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.model.Shape;

/**
 * Compact builders for test networks, so that formula tables can state a layer in one line:
 * shapes as {@code 96x55x55} (a feature map) or {@code v4096} (a vector), parameters as
 * {@code filters=96; kernel=[3,5]; bias=false; activation=relu}.
 */
public final class Nets {

    /** The id of the layer under test in {@link #layerSpec}. */
    public static final String LAYER = "layer";

    /** The sample specs, relative to the engine module (the working directory of its tests). */
    public static final Path SAMPLES = Path.of("..", "sample-networks", "networks");

    private Nets() {
    }

    /** {@code 96x55x55} is a feature map, {@code v4096} a vector. */
    public static Shape shape(String text) {
        String t = text.trim();
        if (t.startsWith("v")) {
            return new Shape.Vector(Long.parseLong(t.substring(1)));
        }
        long[] d = Arrays.stream(t.split("x")).mapToLong(Long::parseLong).toArray();
        if (d.length != 3) {
            throw new IllegalArgumentException("not a CxHxW shape: " + text);
        }
        return new Shape.FeatureMap(d[0], d[1], d[2]);
    }

    /** Parses {@code name=value; ...}; values are whole numbers, decimals, true/false, [a, b], [[a, b], [c, d]] or words. */
    public static Map<String, Object> params(String text) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return map;
        }
        for (String part : text.split(";")) {
            String[] kv = part.split("=", 2);
            map.put(kv[0].trim(), value(kv[1].trim()));
        }
        return map;
    }

    private static Object value(String v) {
        if (v.startsWith("[") && v.endsWith("]")) {
            List<Object> list = new ArrayList<>();
            for (String e : topLevelElements(v.substring(1, v.length() - 1))) {
                list.add(value(e.trim()));
            }
            return list;
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        if (v.matches("-?\\d+")) {
            return Long.parseLong(v);
        }
        if (v.matches("-?[\\d.]+([eE]-?\\d+)?")) {
            return Double.parseDouble(v);
        }
        return v;
    }

    /** The comma-separated parts of a list's inside, keeping nested lists ({@code [2,3],[4,5]}) whole. */
    private static List<String> topLevelElements(String inside) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(inside.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(inside.substring(start));
        return parts;
    }

    public static Node node(String id, String kind, List<String> inputs, String params) {
        return Node.of(id, kind, inputs, params(params));
    }

    public static Node input(String id, String shape) {
        Shape s = shape(shape);
        if (s instanceof Shape.FeatureMap fm) {
            return Node.of(id, "input", List.of(),
                    Map.of("channels", fm.channels(), "height", fm.height(), "width", fm.width()));
        }
        throw new IllegalArgumentException("an input node is a feature map: " + shape);
    }

    public static NetworkSpec spec(Node... nodes) {
        return NetworkSpec.of("test", List.of(nodes));
    }

    /**
     * Nodes producing the given shapes, named {@code in0}, {@code in1}, ...: an input node for a feature map,
     * an input of n x 1 x 1 followed by a flatten for a vector {@code vN}.
     */
    public static List<Node> sources(String... shapes) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < shapes.length; i++) {
            String id = "in" + i;
            String s = shapes[i].trim();
            if (s.startsWith("v")) {
                nodes.add(input(id + "_data", s.substring(1) + "x1x1"));
                nodes.add(Node.of(id, "flatten", List.of(id + "_data")));
            } else {
                nodes.add(input(id, s));
            }
        }
        return nodes;
    }

    public static List<String> sourceIds(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("in" + i);
        }
        return ids;
    }

    /** A network of {@link #sources} feeding one node {@link #LAYER} of the kind. */
    public static NetworkSpec layerSpec(String kind, String params, String... inputShapes) {
        List<Node> nodes = new ArrayList<>(sources(inputShapes));
        nodes.add(node(LAYER, kind, sourceIds(inputShapes.length), params));
        return NetworkSpec.of("layer-test", nodes);
    }

    /** The analysed result of one layer of the kind on inputs of the given shapes ({@code +}-separated). */
    public static NodeResult analyseLayer(String kind, String params, String inputShapes) {
        String[] shapes = inputShapes == null || inputShapes.isBlank() ? new String[0] : inputShapes.split("\\+");
        AnalysisReport report = Analyzer.standard().analyze(layerSpec(kind, params, shapes));
        return report.result(LAYER).orElseThrow();
    }

    public static List<Diagnostic> diagnosticsOf(AnalysisReport report, String nodeId) {
        return report.diagnostics().stream().filter(d -> nodeId.equals(d.node())).toList();
    }
}
