package org.cnnworkbench.app.ui.document;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cnnworkbench.engine.kinds.ParamSpec;
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

    private ParamText() {
    }

    public static Parsed parse(ParamSpec spec, String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return spec.required() ? new Parsed(null, spec.name() + " is required: " + spec.accepted())
                    : new Parsed(null, null);
        }
        Object value = switch (spec.type()) {
            case INT -> wholeNumber(t);
            case INT_PAIR -> pair(t);
            case DOUBLE -> decimal(t);
            case BOOLEAN -> t.equalsIgnoreCase("true") ? Boolean.TRUE
                    : t.equalsIgnoreCase("false") ? Boolean.FALSE : null;
            case CHOICE -> t;
        };
        if (value == null) {
            return new Parsed(null, "'" + t + "' is not " + spec.accepted());
        }
        List<String> problems = Params.resolve(List.of(spec), Map.of(spec.name(), value)).problems();
        return problems.isEmpty() ? new Parsed(value, null)
                : new Parsed(null, "'" + t + "' is not valid: expected " + spec.accepted());
    }

    /** How a value is shown for editing: {@code 3}, {@code 3x5} for a pair, {@code 1.0E-4}. */
    public static String format(Object value) {
        if (value instanceof List<?> list && list.size() == 2) {
            return list.get(0) + "x" + list.get(1);
        }
        if (value instanceof org.cnnworkbench.engine.kinds.IntPair pair) {
            return pair.isSquare() ? Long.toString(pair.h()) : pair.h() + "x" + pair.w();
        }
        return String.valueOf(value);
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
