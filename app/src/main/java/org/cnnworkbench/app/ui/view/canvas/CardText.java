package org.cnnworkbench.app.ui.view.canvas;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.cnnworkbench.engine.analysis.Diagnostic;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.analysis.NodeStatus;
import org.cnnworkbench.engine.kinds.KindDescriptor;
import org.cnnworkbench.engine.kinds.ParamSpec;
import org.cnnworkbench.engine.model.Node;
import org.cnnworkbench.engine.model.Shape;

/**
 * The short texts a node card shows: the key parameters of a node ({@code 96 filters 7x7 /2},
 * {@code s16 e64+64}, {@code 3x227x227}), its output shape and parameter count, and its tooltip. Pure
 * functions of the spec and the analysis, so they are tested without the toolkit.
 */
public final class CardText {

    /** Longest text a card line shows before it is cut with an ellipsis. */
    static final int MAX_CHARS = 26;

    private CardText() {
    }

    /** The parameters that say most about a node, in a few characters; empty when there are none. */
    public static String keyParams(Node node, KindDescriptor kind) {
        return switch (node.kind()) {
            case "input" -> value(node, kind, "channels") + "x" + value(node, kind, "height") + "x"
                    + value(node, kind, "width");
            case "conv" -> value(node, kind, "filters") + " filters " + window(node, kind)
                    + extra(node, kind, "pad", " pad ") + extra(node, kind, "groups", " g");
            case "maxpool", "avgpool" -> window(node, kind)
                    + ("ceil".equals(value(node, kind, "rounding")) ? " ceil" : "");
            case "fire" -> "s" + value(node, kind, "s1x1") + " e" + value(node, kind, "e1x1") + "+"
                    + value(node, kind, "e3x3") + (Boolean.TRUE.equals(raw(node, kind, "bypass")) ? " bypass" : "");
            case "fc" -> value(node, kind, "units") + " units";
            case "dropout" -> "rate " + value(node, kind, "rate");
            default -> generic(node);
        };
    }

    /** {@code 96x55x55}, {@code 1000} for a vector, or a dash when there is no shape. */
    public static String shape(NodeResult result) {
        if (result == null || result.output() == null) {
            return "\u2014";
        }
        Shape s = result.output();
        return s.toString();
    }

    /** {@code 14,208 params} with thousands separators, or a dash when nothing was computed. */
    public static String params(NodeResult result) {
        if (result == null || result.status() != NodeStatus.OK) {
            return "\u2014";
        }
        long n = result.paramTotal();
        return String.format(Locale.US, "%,d", n) + (n == 1 ? " param" : " params");
    }

    /** The node's diagnostics, one a line; for a blocked node, why it has no numbers. Null when all is well. */
    public static String tooltip(NodeResult result) {
        if (result == null) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        if (result.status() == NodeStatus.BLOCKED) {
            lines.add("Not analysed: an upstream node has an error.");
        }
        lines.addAll(result.diagnostics().stream().map(Diagnostic::toString).collect(Collectors.toList()));
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    /** The text cut to {@link #MAX_CHARS} characters with an ellipsis. */
    static String fit(String text) {
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS - 1) + "\u2026";
    }

    private static String window(Node node, KindDescriptor kind) {
        String stride = compact(raw(node, kind, "stride"));
        return square(raw(node, kind, "kernel")) + (stride.isEmpty() || stride.equals("1") ? "" : " /" + stride);
    }

    /** {@code label + value} when the parameter differs from the kind's default, else nothing. */
    private static String extra(Node node, KindDescriptor kind, String param, String label) {
        String v = compact(raw(node, kind, param));
        ParamSpec spec = spec(kind, param);
        String fallback = spec == null ? "" : compact(spec.defaultValue());
        return v.isEmpty() || v.equals(fallback) ? "" : label + v;
    }

    /** A window: {@code 3x3} for 3, {@code 3x5} for [3, 5]. */
    private static String square(Object value) {
        if (value instanceof Long l) {
            return l + "x" + l;
        }
        if (value instanceof List<?> list && list.size() == 2) {
            return list.get(0) + "x" + list.get(1);
        }
        return value == null ? "" : String.valueOf(value);
    }

    /** A stride or padding: {@code 2} for 2 or [2, 2], {@code 2x1} for [2, 1]. */
    private static String compact(Object value) {
        if (value instanceof List<?> list && list.size() == 2) {
            return list.get(0).equals(list.get(1)) ? String.valueOf(list.get(0)) : list.get(0) + "x" + list.get(1);
        }
        return value == null ? "" : String.valueOf(value);
    }

    private static String value(Node node, KindDescriptor kind, String param) {
        Object v = raw(node, kind, param);
        return v == null ? "?" : String.valueOf(v);
    }

    /** The value as written, else the kind's default. */
    private static Object raw(Node node, KindDescriptor kind, String param) {
        Object v = node.param(param);
        if (v != null || kind == null) {
            return v;
        }
        ParamSpec spec = spec(kind, param);
        return spec == null ? null : spec.defaultValue();
    }

    private static ParamSpec spec(KindDescriptor kind, String param) {
        if (kind == null) {
            return null;
        }
        return kind.parameters().stream().filter(p -> p.name().equals(param)).findFirst().orElse(null);
    }

    private static String generic(Node node) {
        return node.params().entrySet().stream().limit(2)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
