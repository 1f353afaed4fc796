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
     * With {@code ceil}, Caffe's rule applies: when the layer is padded on either axis ({@code padded}), the
     * last window must start inside the input or its left padding, else it is dropped. Caffe checks this on
     * both axes as soon as one of them is padded, so a window on an unpadded axis can be dropped too; without
     * any padding nothing is dropped, and a last window may start past the input (see {@link #emptyWindows}).
     */
    public static long windowOutput(String axis, long size, long kernel, long stride, long pad, boolean ceil,
                                    boolean padded) throws LayerException {
        long paddedSize = size + 2 * pad;
        if (kernel > paddedSize) {
            throw new LayerException("kernel " + axis + " " + kernel + " is larger than the padded input "
                    + axis + " " + paddedSize + " (" + size + " + 2 x pad " + pad + "); use a smaller kernel, more "
                    + "padding, or less downsampling before this layer");
        }
        long span = paddedSize - kernel;
        long out = (ceil ? Math.floorDiv(span + stride - 1, stride) : Math.floorDiv(span, stride)) + 1;
        if (ceil && padded && (out - 1) * stride >= size + pad) {
            out--;
        }
        return out;
    }

    /** {@link #windowOutput(String, long, long, long, long, boolean, boolean)} of floor rounding. */
    public static long windowOutput(String axis, long size, long kernel, long stride, long pad)
            throws LayerException {
        return windowOutput(axis, size, kernel, stride, pad, false, pad > 0);
    }

    /**
     * Warning naming the output rows and columns whose window contains no input cell at all, or {@code null}
     * when every window touches the input. Only Caffe's ceil rounding without padding makes such windows:
     * with a stride larger than the kernel the last window can start at or past the input's end. (Floor
     * rounding keeps every window inside the padded input, and with padding the last one starts inside the
     * input, both because pad < kernel.)
     */
    public static String emptyWindows(Shape.FeatureMap in, Shape.FeatureMap out, IntPair kernel, IntPair stride,
                                      IntPair pad) {
        List<String> parts = new ArrayList<>();
        String rows = emptyLastWindow("row", "height", in.height(), out.height(), stride.h(), pad.h());
        String columns = emptyLastWindow("column", "width", in.width(), out.width(), stride.w(), pad.w());
        List<String> fixes = new ArrayList<>();
        if (rows != null) {
            parts.add(rows);
            fixes.add("stride <= kernel " + kernel.h() + " on the height");
        }
        if (columns != null) {
            parts.add(columns);
            fixes.add("stride <= kernel " + kernel.w() + " on the width");
        }
        if (parts.isEmpty()) {
            return null;
        }
        return String.join(" and ", parts) + (parts.size() == 1 ? " contains" : " contain")
                + " no input cell: rounding ceil without padding keeps a last window that starts past the input."
                + " Caffe outputs -FLT_MAX there for max pooling and divides by an empty window for average"
                + " pooling; the DL4J conversion outputs the nearest edge's maximum (max) or 0 (average)."
                + " Use " + String.join(" and ", fixes) + ", rounding floor, or padding (Caffe then drops a last"
                + " window that would start past the input)";
    }

    private static String emptyLastWindow(String noun, String axis, long size, long out, long stride, long pad) {
        long start = (out - 1) * stride - pad;
        if (start < size) {
            return null;
        }
        return "output " + noun + " " + out + " of " + out + " (its window starts at (" + out + " - 1) x stride "
                + stride + " - pad " + pad + " = " + start + ", past the last input " + noun + " " + (size - 1)
                + " of input " + axis + " " + size + ")";
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
