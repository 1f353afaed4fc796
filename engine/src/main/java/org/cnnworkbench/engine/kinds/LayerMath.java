package org.cnnworkbench.engine.kinds;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.model.Shape;

/** Shared arithmetic of sliding-window layers, with errors that show the computation. */
public final class LayerMath {

    private LayerMath() {
    }

    /** The input as a feature map, or an explanation why a {@code kind} layer cannot take it. */
    public static Shape.FeatureMap featureMap(String kind, Shape input) throws LayerException {
        if (input instanceof Shape.FeatureMap fm) {
            return fm;
        }
        throw new LayerException(kind + " needs a channels x height x width input but gets a flat vector of "
                + input.elements() + " features; place it before the flatten or fully connected layer");
    }

    /**
     * Output length of a window of size {@code kernel} sliding with {@code stride} over {@code size} cells
     * padded by {@code pad} on both sides: floor or ceil of (size + 2 pad - kernel) / stride, plus one.
     * With {@code ceil}, Caffe's rule applies: the last window must start inside the input or its left padding.
     */
    public static long windowOutput(String axis, long size, long kernel, long stride, long pad, boolean ceil)
            throws LayerException {
        long padded = size + 2 * pad;
        if (kernel > padded) {
            throw new LayerException("kernel " + axis + " " + kernel + " is larger than the padded input "
                    + axis + " " + padded + " (" + size + " + 2 x pad " + pad + "); use a smaller kernel, more "
                    + "padding, or less downsampling before this layer");
        }
        long span = padded - kernel;
        long out = (ceil ? Math.floorDiv(span + stride - 1, stride) : Math.floorDiv(span, stride)) + 1;
        if (ceil && pad > 0 && (out - 1) * stride >= size + pad) {
            out--;
        }
        return out;
    }

    /**
     * Warning when a floor-rounded window leaves the last rows or columns of the padded input unused, or
     * {@code null} when it covers everything.
     */
    public static String uncoveredInput(Shape.FeatureMap in, IntPair kernel, IntPair stride, IntPair pad) {
        long rows = (in.height() + 2 * pad.h() - kernel.h()) % stride.h();
        long columns = (in.width() + 2 * pad.w() - kernel.w()) % stride.w();
        if (rows == 0 && columns == 0) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        if (rows > 0) {
            parts.add("the last " + plural(rows, "row") + " (" + in.height() + " + 2 x pad " + pad.h() + " - kernel "
                    + kernel.h() + " is not a multiple of stride " + stride.h() + ")");
        }
        if (columns > 0) {
            parts.add("the last " + plural(columns, "column") + " (" + in.width() + " + 2 x pad " + pad.w()
                    + " - kernel " + kernel.w() + " is not a multiple of stride " + stride.w() + ")");
        }
        return String.join(" and ", parts) + " of the padded input " + (rows + columns == 1 ? "is" : "are")
                + " never covered by the window; adjust padding or input size if that matters";
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Product of several counts; throws {@link ArithmeticException} on overflow. */
    public static long product(long... factors) {
        long p = 1;
        for (long f : factors) {
            p = Math.multiplyExact(p, f);
        }
        return p;
    }

    /** Sum of the inputs' elements. */
    public static long elements(List<Shape> shapes) {
        long sum = 0;
        for (Shape s : shapes) {
            sum = Math.addExact(sum, s.elements());
        }
        return sum;
    }
}
