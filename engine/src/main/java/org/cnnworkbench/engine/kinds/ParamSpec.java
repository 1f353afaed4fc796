package org.cnnworkbench.engine.kinds;

import java.util.List;
import java.util.Objects;

/**
 * Metadata of one parameter of a kind: its type, default, allowed range and a description for people.
 * A {@code null} default means the parameter is required. Ranges are inclusive.
 *
 * <pre>{@code
 * ParamSpec filters = ParamSpec.requiredInt("filters", 1, "number of output channels");
 * ParamSpec stride = ParamSpec.intPair("stride", 1L, 1, "step of the window");
 * }</pre>
 */
public record ParamSpec(String name, ParamType type, Object defaultValue, double min, double max,
                        List<String> choices, String description) {

    /** Largest accepted whole number: dimensions beyond this are surely a typo and would overflow counts. */
    public static final long MAX_INT = Integer.MAX_VALUE;

    public ParamSpec {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        choices = List.copyOf(choices);
        Objects.requireNonNull(description);
    }

    public boolean required() {
        return defaultValue == null;
    }

    public static ParamSpec requiredInt(String name, long min, String description) {
        return new ParamSpec(name, ParamType.INT, null, min, MAX_INT, List.of(), description);
    }

    public static ParamSpec optionalInt(String name, long defaultValue, long min, String description) {
        return new ParamSpec(name, ParamType.INT, defaultValue, min, MAX_INT, List.of(), description);
    }

    /** A window size, stride or padding; {@code defaultValue} null makes it required. */
    public static ParamSpec intPair(String name, Long defaultValue, long min, String description) {
        return new ParamSpec(name, ParamType.INT_PAIR, defaultValue, min, MAX_INT, List.of(), description);
    }

    public static ParamSpec decimal(String name, double defaultValue, double min, double max, String description) {
        return new ParamSpec(name, ParamType.DOUBLE, defaultValue, min, max, List.of(), description);
    }

    public static ParamSpec flag(String name, boolean defaultValue, String description) {
        return new ParamSpec(name, ParamType.BOOLEAN, defaultValue, 0, 0, List.of(), description);
    }

    public static ParamSpec choice(String name, String defaultValue, List<String> choices, String description) {
        return new ParamSpec(name, ParamType.CHOICE, defaultValue, 0, 0, choices, description);
    }

    /**
     * A list of box sizes ({@code [[width, height], ...]}); {@code defaults} null makes it required, else it must
     * hold at least one size.
     */
    public static ParamSpec sizeList(String name, List<BoxSize> defaults, String description) {
        if (defaults != null && defaults.isEmpty()) {
            throw new IllegalArgumentException("the default of '" + name + "' must hold at least one size");
        }
        return new ParamSpec(name, ParamType.SIZE_LIST, defaults == null ? null : BoxSize.specValue(defaults),
                0, Double.MAX_VALUE, List.of(), description);
    }

    /** A short human description of what values are accepted, e.g. "a whole number >= 1". */
    public String accepted() {
        return switch (type) {
            case INT -> "a whole number " + range();
            case INT_PAIR -> "a whole number " + range() + " or [height, width]";
            case DOUBLE -> "a number " + range();
            case BOOLEAN -> "true or false";
            case CHOICE -> "one of " + String.join(", ", choices);
            case SIZE_LIST -> "a non-empty list of [width, height] pairs of positive numbers, e.g. [[36, 37], [366, 174]]";
        };
    }

    private String range() {
        boolean whole = type == ParamType.INT || type == ParamType.INT_PAIR;
        String lo = whole ? Long.toString((long) min) : Double.toString(min);
        String hi = whole ? Long.toString((long) max) : Double.toString(max);
        if (whole && max >= MAX_INT) {
            return ">= " + lo;
        }
        return "in [" + lo + ", " + hi + "]";
    }
}
