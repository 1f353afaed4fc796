package org.cnnworkbench.engine.properties;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.model.Shape;

/**
 * Builds networks that are valid by construction: every node only takes existing nodes as inputs, and its
 * parameters are chosen so that its output shape exists. Shapes are tracked with the builder's own small
 * model of the layer formulas, written independently of the engine's kinds, so that the engine's analysis
 * can be checked against it rather than trusted to build its own test input.
 */
final class ValidNetworkBuilder {

    static final List<String> SPATIAL_KINDS = List.of("conv", "maxpool", "avgpool", "relu", "batchnorm", "lrn",
            "dropout", "fire", "concat", "add", "globalavgpool", "flatten", "fc", "softmax");
    static final List<String> FLAT_KINDS = List.of("relu", "batchnorm", "dropout", "softmax", "fc", "concat", "add",
            "flatten");
    static final List<String> ACTIVATIONS = List.of("none", "relu", "sigmoid", "tanh");
    /** Concatenations stop adding inputs beyond this many channels, to keep sizes reasonable. */
    private static final long MAX_CONCAT_CHANNELS = 1024;

    private final List<Node> nodes = new ArrayList<>();
    private final List<Shape> shapes = new ArrayList<>();
    private final String idPrefix;
    private final java.util.Set<String> usedIds = new java.util.HashSet<>();

    private ValidNetworkBuilder(String idPrefix) {
        this.idPrefix = idPrefix;
    }

    /** A network of an input of the given shape followed by one node per step. */
    static ValidNetwork build(int channels, int height, int width, List<List<Integer>> steps) {
        ValidNetworkBuilder b = new ValidNetworkBuilder("n");
        b.add(Node.of("data", "input", List.of(), Map.of("channels", channels, "height", height, "width", width)),
                new Shape.FeatureMap(channels, height, width));
        for (List<Integer> step : steps) {
            b.step(new Choices(step));
        }
        Map<String, Shape> expected = new LinkedHashMap<>();
        for (int i = 0; i < b.nodes.size(); i++) {
            expected.put(b.nodes.get(i).id(), b.shapes.get(i));
        }
        return new ValidNetwork(NetworkSpec.of("random", b.nodes), expected);
    }

    /**
     * A builder continuing an existing network; new nodes take as inputs only the nodes whose output shape
     * is given (not null).
     */
    static ValidNetworkBuilder continuing(NetworkSpec spec, Map<String, Shape> outputs, String idPrefix) {
        ValidNetworkBuilder b = new ValidNetworkBuilder(idPrefix);
        for (Node n : spec.nodes()) {
            b.usedIds.add(n.id());
            if (outputs.get(n.id()) != null) {
                b.add(n, outputs.get(n.id()));
            }
        }
        return b;
    }

    boolean hasNodes() {
        return !nodes.isEmpty();
    }

    /** Appends one node decided by {@code c} and returns it. */
    Node step(Choices c) {
        int firstIndex = nodes.size() - 1 - c.pick(nodes.size());
        Shape first = shapes.get(firstIndex);
        String inputId = nodes.get(firstIndex).id();
        String kind = c.of(first instanceof Shape.FeatureMap ? SPATIAL_KINDS : FLAT_KINDS);
        int number = nodes.size();
        while (usedIds.contains(idPrefix + number)) {
            number++;
        }
        String id = idPrefix + number;
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>(List.of(inputId));
        Shape out = switch (kind) {
            case "conv" -> conv(c, (Shape.FeatureMap) first, params);
            case "maxpool", "avgpool" -> pool(c, (Shape.FeatureMap) first, params);
            case "fire" -> fire(c, (Shape.FeatureMap) first, params);
            case "lrn" -> {
                if (c.oneIn(2)) {
                    params.put("size", (long) (1 + 2 * c.pick(5)));
                }
                if (c.oneIn(3)) {
                    params.put("alpha", 1e-4 * (1 + c.pick(5)));
                    params.put("beta", 0.75);
                    params.put("k", (double) c.between(1, 2));
                }
                yield first;
            }
            case "batchnorm" -> {
                if (c.oneIn(2)) {
                    params.put("affine", c.oneIn(2));
                }
                if (c.oneIn(3)) {
                    params.put("epsilon", 1e-3);
                }
                yield first;
            }
            case "dropout" -> {
                if (c.oneIn(2)) {
                    params.put("rate", c.pick(10) / 10.0);
                }
                yield first;
            }
            case "relu", "softmax" -> first;
            case "globalavgpool" -> new Shape.FeatureMap(first.channels(), 1, 1);
            case "flatten" -> new Shape.Vector(first.elements());
            case "fc" -> {
                long units = 1 + c.pick(64);
                params.put("units", units);
                putBiasAndActivation(c, params);
                yield new Shape.Vector(units);
            }
            case "concat" -> concat(c, first, inputs);
            case "add" -> {
                int more = 1 + c.pick(2);
                List<Integer> same = new ArrayList<>();
                for (int i = 0; i < shapes.size(); i++) {
                    if (shapes.get(i).equals(first)) {
                        same.add(i);
                    }
                }
                for (int k = 0; k < more; k++) {
                    inputs.add(nodes.get(c.of(same)).id());
                }
                yield first;
            }
            default -> throw new IllegalStateException(kind);
        };
        Node node = new Node(id, kind, inputs, params);
        add(node, out);
        return node;
    }

    private void add(Node node, Shape shape) {
        usedIds.add(node.id());
        nodes.add(node);
        shapes.add(shape);
    }

    private static Shape conv(Choices c, Shape.FeatureMap in, Map<String, Object> params) {
        long filters = 1 + c.pick(32);
        List<Long> divisors = new ArrayList<>();
        for (long g = 1; g <= Math.min(in.channels(), filters); g++) {
            if (in.channels() % g == 0 && filters % g == 0) {
                divisors.add(g);
            }
        }
        long groups = c.of(divisors);
        boolean square = !c.oneIn(4);
        long padH = c.pick(3);
        long padW = square ? padH : c.pick(3);
        long kernelH = Math.min(1 + c.pick(5), in.height() + 2 * padH);
        long kernelW = square && padW == padH ? Math.min(kernelH, in.width() + 2 * padW)
                : Math.min(1 + c.pick(5), in.width() + 2 * padW);
        long strideH = 1 + c.pick(2);
        long strideW = square ? strideH : 1 + c.pick(2);
        params.put("filters", filters);
        params.put("kernel", pair(kernelH, kernelW));
        putUnlessDefault(c, params, "stride", pair(strideH, strideW), 1L);
        putUnlessDefault(c, params, "pad", pair(padH, padW), 0L);
        putUnlessDefault(c, params, "groups", groups, 1L);
        putBiasAndActivation(c, params);
        return new Shape.FeatureMap(filters, floorWindow(in.height(), kernelH, strideH, padH),
                floorWindow(in.width(), kernelW, strideW, padW));
    }

    private static Shape pool(Choices c, Shape.FeatureMap in, Map<String, Object> params) {
        long kernel = 1 + c.pick(5);
        long pad = c.pick((int) Math.min(3, kernel));
        kernel = Math.min(kernel, Math.min(in.height(), in.width()) + 2 * pad);
        long stride = 1 + c.pick(3);
        boolean ceil = c.oneIn(2);
        params.put("kernel", kernel);
        putUnlessDefault(c, params, "stride", stride, 1L);
        putUnlessDefault(c, params, "pad", pad, 0L);
        putUnlessDefault(c, params, "rounding", ceil ? "ceil" : "floor", "floor");
        return new Shape.FeatureMap(in.channels(), poolWindow(in.height(), kernel, stride, pad, ceil),
                poolWindow(in.width(), kernel, stride, pad, ceil));
    }

    private static Shape fire(Choices c, Shape.FeatureMap in, Map<String, Object> params) {
        long squeeze = 1 + c.pick(16);
        boolean bypass = in.channels() <= 256 && c.oneIn(3);
        long e1;
        long e3;
        if (bypass) {
            e1 = c.pick((int) in.channels() + 1);
            e3 = in.channels() - e1;
        } else {
            e1 = c.pick(33);
            e3 = c.pick(33);
            if (e1 + e3 == 0) {
                e3 = 1;
            }
        }
        params.put("s1x1", squeeze);
        params.put("e1x1", e1);
        params.put("e3x3", e3);
        putUnlessDefault(c, params, "bypass", bypass, false);
        return new Shape.FeatureMap(e1 + e3, in.height(), in.width());
    }

    private Shape concat(Choices c, Shape first, List<String> inputs) {
        List<Integer> compatible = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            if (concatenable(first, shapes.get(i))) {
                compatible.add(i);
            }
        }
        long channels = first.channels();
        int more = c.pick(3);
        for (int k = 0; k < more; k++) {
            int i = c.of(compatible);
            if (channels + shapes.get(i).channels() > MAX_CONCAT_CHANNELS) {
                break;
            }
            channels += shapes.get(i).channels();
            inputs.add(nodes.get(i).id());
        }
        return first instanceof Shape.FeatureMap fm ? new Shape.FeatureMap(channels, fm.height(), fm.width())
                : new Shape.Vector(channels);
    }

    private static boolean concatenable(Shape a, Shape b) {
        if (a instanceof Shape.FeatureMap x && b instanceof Shape.FeatureMap y) {
            return x.height() == y.height() && x.width() == y.width();
        }
        return a instanceof Shape.Vector && b instanceof Shape.Vector;
    }

    private static void putBiasAndActivation(Choices c, Map<String, Object> params) {
        putUnlessDefault(c, params, "bias", !c.oneIn(3), true);
        putUnlessDefault(c, params, "activation", c.of(ACTIVATIONS), "none");
    }

    /** Writes the value, except that a default value is left out about half the time. */
    private static void putUnlessDefault(Choices c, Map<String, Object> params, String name, Object value,
                                         Object defaultValue) {
        if (!value.equals(defaultValue) || c.oneIn(2)) {
            params.put(name, value);
        }
    }

    /** A square window as one number, otherwise {@code [h, w]}. */
    private static Object pair(long h, long w) {
        return h == w ? (Object) h : List.of(h, w);
    }

    static long floorWindow(long size, long kernel, long stride, long pad) {
        return (size + 2 * pad - kernel) / stride + 1;
    }

    /** Caffe's pooling size: ceil rounding, but the last window must start inside the input or left padding. */
    static long poolWindow(long size, long kernel, long stride, long pad, boolean ceil) {
        if (!ceil) {
            return floorWindow(size, kernel, stride, pad);
        }
        long out = (size + 2 * pad - kernel + stride - 1) / stride + 1;
        if (pad > 0 && (out - 1) * stride >= size + pad) {
            out--;
        }
        return out;
    }
}
