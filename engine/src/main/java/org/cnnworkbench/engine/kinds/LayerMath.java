package org.cnnworkbench.engine.kinds;

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

    /** Warning when a floor-rounded window leaves input cells unused at the end. */
    public static String unusedCells(String axis, long size, long kernel, long stride, long pad) {
        long rest = (size + 2 * pad - kernel) % stride;
        if (rest == 0) {
            return null;
        }
        return "the last " + rest + (rest == 1 ? " cell" : " cells") + " of the padded input " + axis + " ("
                + size + " + 2 x " + pad + ") are never covered: (" + (size + 2 * pad) + " - kernel " + kernel
                + ") is not a multiple of stride " + stride;
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
