package org.cnnworkbench.engine.kinds;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's parameters checked against its kind's {@link ParamSpec}s, with defaults filled in.
 * Obtain one with {@link #resolve}; the typed getters then cannot fail for declared parameters.
 */
public final class Params {

    private final Map<String, Object> values;

    private Params(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** The outcome of {@link #resolve}: the parameters, or the problems that prevented them. */
    public record Resolution(Params params, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Checks raw values (as stored in a {@code Node}) against the declared parameters. Every problem is
     * reported: unknown names (with a suggestion), missing required values, wrong types, values out of range.
     */
    public static Resolution resolve(List<ParamSpec> specs, Map<String, Object> raw) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, ParamSpec> byName = new LinkedHashMap<>();
        specs.forEach(s -> byName.put(s.name(), s));
        for (String key : raw.keySet()) {
            if (!byName.containsKey(key)) {
                String suggestion = Names.closest(key, byName.keySet());
                problems.add("unknown parameter '" + key + "'"
                        + (suggestion != null ? "; did you mean '" + suggestion + "'?" : "")
                        + (byName.isEmpty() ? "; this kind takes no parameters"
                        : " (parameters: " + String.join(", ", byName.keySet()) + ")"));
            }
        }
        for (ParamSpec spec : specs) {
            Object value = raw.get(spec.name());
            if (value == null) {
                if (spec.required()) {
                    problems.add("missing required parameter '" + spec.name() + "' (" + spec.description()
                            + "; " + spec.accepted() + ")");
                } else {
                    values.put(spec.name(), convert(spec, spec.defaultValue()));
                }
                continue;
            }
            Object converted = convert(spec, value);
            if (converted == null) {
                String detail = spec.type() == ParamType.SIZE_LIST ? sizeListProblem(value) : "";
                problems.add("parameter '" + spec.name() + "' = " + show(value) + " is not valid: expected "
                        + spec.accepted() + detail);
            } else {
                values.put(spec.name(), converted);
            }
        }
        return new Resolution(problems.isEmpty() ? new Params(values) : null, List.copyOf(problems));
    }

    private static Object convert(ParamSpec spec, Object value) {
        return switch (spec.type()) {
            case INT -> value instanceof Long l && inRange(spec, l) ? l : null;
            case INT_PAIR -> {
                if (value instanceof Long l) {
                    yield inRange(spec, l) ? new IntPair(l, l) : null;
                }
                if (value instanceof List<?> list && list.size() == 2
                        && list.get(0) instanceof Long h && list.get(1) instanceof Long w
                        && inRange(spec, h) && inRange(spec, w)) {
                    yield new IntPair(h, w);
                }
                yield null;
            }
            case DOUBLE -> value instanceof Number n && !Double.isNaN(n.doubleValue())
                    && inRange(spec, n.doubleValue()) ? n.doubleValue() : null;
            case BOOLEAN -> value instanceof Boolean b ? b : null;
            case CHOICE -> value instanceof String s && spec.choices().contains(s) ? s : null;
            case SIZE_LIST -> sizes(value);
        };
    }

    /** The sizes of a {@code [[w, h], ...]} value, or null when it is not a non-empty list of valid pairs. */
    private static List<BoxSize> sizes(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            return null;
        }
        List<BoxSize> sizes = new ArrayList<>(list.size());
        for (Object element : list) {
            BoxSize size = size(element);
            if (size == null) {
                return null;
            }
            sizes.add(size);
        }
        return List.copyOf(sizes);
    }

    private static BoxSize size(Object element) {
        if (element instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof Number w
                && pair.get(1) instanceof Number h && positive(w) && positive(h)) {
            return new BoxSize(w.doubleValue(), h.doubleValue());
        }
        return null;
    }

    private static boolean positive(Number n) {
        double v = n.doubleValue();
        return v > 0 && Double.isFinite(v);
    }

    /** Why a value is not a size list, naming the first wrong element (counted from 1). */
    private static String sizeListProblem(Object value) {
        if (!(value instanceof List<?> list)) {
            return "; a single value is not a list of sizes";
        }
        if (list.isEmpty()) {
            return "; the list is empty";
        }
        for (int i = 0; i < list.size(); i++) {
            if (size(list.get(i)) == null) {
                return "; element " + (i + 1) + " of " + list.size() + ", " + show(list.get(i))
                        + ", is not a [width, height] pair of positive numbers";
            }
        }
        return "";
    }

    private static boolean inRange(ParamSpec spec, double v) {
        return v >= spec.min() && v <= spec.max();
    }

    private static String show(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    public long integer(String name) {
        return (Long) get(name);
    }

    public IntPair pair(String name) {
        return (IntPair) get(name);
    }

    public double decimal(String name) {
        return (Double) get(name);
    }

    public boolean flag(String name) {
        return (Boolean) get(name);
    }

    public String choice(String name) {
        return (String) get(name);
    }

    /** The sizes of a {@link ParamType#SIZE_LIST} parameter, in the order written (at least one). */
    @SuppressWarnings("unchecked")
    public List<BoxSize> sizes(String name) {
        return (List<BoxSize>) get(name);
    }

    private Object get(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("undeclared parameter '" + name + "'");
        }
        return v;
    }

    /** All values, defaults included, in declaration order. */
    public Map<String, Object> asMap() {
        return values;
    }
}
