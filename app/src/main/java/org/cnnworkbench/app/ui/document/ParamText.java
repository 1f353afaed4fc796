package org.cnnworkbench.app.ui.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cnnworkbench.engine.kinds.ParamSpec;
import org.cnnworkbench.engine.kinds.ParamType;
import org.cnnworkbench.engine.kinds.Params;

/**
 * Turns what a user types into a parameter value, checked against the parameter's type and range, so that
 * an invalid value is refused where it is typed, with the reason.
 */
public final class ParamText {

    /** A parsed value, or the reason it was refused. An empty text means "use the default". */
    public record Parsed(Object value, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private static final Pattern JSON_PAIR = Pattern.compile("\\s*\\[\\s*([^\\[\\],\\s]+)\\s*,\\s*([^\\[\\],\\s]+)\\s*]\\s*,?");

    private ParamText() {
    }

    public static Parsed parse(ParamSpec spec, String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return spec.required() ? new Parsed(null, spec.name() + " is required: " + spec.accepted())
                    : new Parsed(null, null);
        }
        if (spec.type() == ParamType.SIZE_LIST) {
            return sizeList(spec, t);
        }
        Object value = switch (spec.type()) {
            case INT -> wholeNumber(t);
            case INT_PAIR -> pair(t);
            case DOUBLE -> decimal(t);
            case BOOLEAN -> t.equalsIgnoreCase("true") ? Boolean.TRUE
                    : t.equalsIgnoreCase("false") ? Boolean.FALSE : null;
            case CHOICE, SIZE_LIST -> t;
        };
        if (value == null) {
            return new Parsed(null, "'" + t + "' is not " + spec.accepted());
        }
        List<String> problems = Params.resolve(List.of(spec), Map.of(spec.name(), value)).problems();
        return problems.isEmpty() ? new Parsed(value, null)
                : new Parsed(null, "'" + t + "' is not valid: expected " + spec.accepted());
    }

    /**
     * How a value is shown for editing: {@code 3}, {@code 3x5} for a pair, {@code 1.0E-4}, {@code 36x37, 366x174}
     * for a list of sizes (width x height, as {@link #parse} reads it back).
     */
    public static String format(Object value) {
        if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(e -> e instanceof List<?>)) {
            return list.stream().map(ParamText::format).collect(Collectors.joining(", "));
        }
        if (value instanceof List<?> list && list.size() == 2) {
            return list.get(0) + "x" + list.get(1);
        }
        if (value instanceof org.cnnworkbench.engine.kinds.IntPair pair) {
            return pair.isSquare() ? Long.toString(pair.h()) : pair.h() + "x" + pair.w();
        }
        return String.valueOf(value);
    }

    /** Sizes written {@code 36x37, 366x174} or as JSON {@code [[36, 37], [366, 174]]}; a wrong one is named. */
    private static Parsed sizeList(ParamSpec spec, String t) {
        List<String> sizes = new ArrayList<>();
        String inside = t;
        if (inside.startsWith("[[") && inside.endsWith("]]")) {
            inside = inside.substring(1, inside.length() - 1).strip();
        }
        if (inside.startsWith("[")) {
            Matcher m = JSON_PAIR.matcher(inside);
            int end = 0;
            while (m.find() && m.start() == end) {
                sizes.add(m.group(1) + "x" + m.group(2));
                end = m.end();
            }
            if (end != inside.length()) {
                return new Parsed(null, "'" + t + "' is not " + spec.accepted() + "; could not read it from '"
                        + inside.substring(end).strip() + "' on");
            }
        } else {
            for (String part : inside.split("[,;]")) {
                sizes.add(part.strip());
            }
        }
        List<Object> value = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            String[] wh = sizes.get(i).toLowerCase(Locale.ROOT).split("\\s*[x\\u00d7]\\s*", -1);
            Number w = wh.length == 2 ? number(wh[0]) : null;
            Number h = wh.length == 2 ? number(wh[1]) : null;
            if (w == null || h == null || !(w.doubleValue() > 0) || !(h.doubleValue() > 0)) {
                return new Parsed(null, "size " + (i + 1) + " of " + sizes.size() + ", '" + sizes.get(i)
                        + "', is not width x height of positive numbers (e.g. 36x37, 366x174)");
            }
            value.add(List.of(w, h));
        }
        List<String> problems = Params.resolve(List.of(spec), Map.of(spec.name(), value)).problems();
        return problems.isEmpty() ? new Parsed(value, null) : new Parsed(null, problems.get(0));
    }

    /** A whole number as a Long, a decimal as a Double, else null. */
    private static Number number(String t) {
        Long whole = wholeNumber(t);
        if (whole != null) {
            return whole;   // not a conditional expression: that would unbox both to double
        }
        return decimal(t);
    }

    private static Long wholeNumber(String t) {
        try {
            return Long.parseLong(t.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Object pair(String t) {
        String[] parts = t.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "").split("[x,\\s]+");
        if (parts.length == 1) {
            return wholeNumber(parts[0]);
        }
        if (parts.length == 2) {
            Long h = wholeNumber(parts[0]);
            Long w = wholeNumber(parts[1]);
            return h == null || w == null ? null : (h.equals(w) ? (Object) h : List.of(h, w));
        }
        return null;
    }

    private static Double decimal(String t) {
        try {
            double d = Double.parseDouble(t);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
