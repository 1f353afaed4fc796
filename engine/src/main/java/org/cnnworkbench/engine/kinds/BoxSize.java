package org.cnnworkbench.engine.kinds;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The width and height of a box in pixels, such as an anchor shape of a detection head; both positive and finite.
 * In a spec file it is the pair {@code [width, height]} (width first, as detection papers write anchors).
 */
public record BoxSize(double width, double height) {

    public BoxSize {
        if (!(width > 0 && Double.isFinite(width) && height > 0 && Double.isFinite(height))) {
            throw new IllegalArgumentException("a box size needs a positive finite width and height, not "
                    + width + " x " + height);
        }
    }

    /** {@code 36x37}, or {@code 36.5x37} with decimals where they are not whole. */
    @Override
    public String toString() {
        return number(width) + "x" + number(height);
    }

    /**
     * Sizes as a spec file holds them: {@code [[36, 37], [366.5, 174]]}, whole numbers as {@link Long}, others as
     * {@link Double} (what a spec file read from JSON gives back, so that values round-trip unchanged).
     */
    public static List<Object> specValue(List<BoxSize> sizes) {
        List<Object> value = new ArrayList<>(sizes.size());
        for (BoxSize size : sizes) {
            value.add(List.of(specNumber(size.width()), specNumber(size.height())));
        }
        return value;
    }

    /** Sizes as one line of JSON, ready to paste as a parameter value: {@code [[36, 37], [366.5, 174]]}. */
    public static String json(List<BoxSize> sizes) {
        return sizes.stream().map(s -> "[" + number(s.width()) + ", " + number(s.height()) + "]")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static Object specNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v;
    }

    /** A whole number without a fraction, else the decimal as Java writes it. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
