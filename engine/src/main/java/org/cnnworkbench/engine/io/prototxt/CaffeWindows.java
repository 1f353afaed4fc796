package org.cnnworkbench.engine.io.prototxt;

import java.util.List;
import java.util.Optional;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.kinds.IntPair;

/**
 * Window sizes, strides and paddings as Caffe writes them (one value, two, or the _h and _w pair) and a spec does;
 * {@link #writeWindow} is for any {@link CaffeMapping}'s export.
 */
public final class CaffeWindows {

    private CaffeWindows() {
    }

    /**
     * A window size, stride or padding as a spec writes it: a number when square, else {@code [h, w]}; from the
     * repeated field {@code both} (one value, or two: height and width) or the pair {@code h}, {@code w}.
     * Empty when none is given or the layer is not two-dimensional.
     */
    static Optional<Object> window(ProtoMessage p, String both, String h, String w) throws SpecFormatException {
        List<Long> values = p.integers(both);
        long height;
        long width;
        if (p.has(h) || p.has(w)) {
            if (!p.has(h) || !p.has(w)) {
                return Optional.empty();
            }
            height = p.integer(h, 0);
            width = p.integer(w, 0);
        } else if (values.size() == 1) {
            height = values.get(0);
            width = values.get(0);
        } else if (values.size() == 2) {
            height = values.get(0);
            width = values.get(1);
        } else {
            return Optional.empty();
        }
        return Optional.of(height == width ? (Object) height : List.of(height, width));
    }

    /**
     * Writes a window field: {@code both} for a square window, else the pair {@code h}, {@code w}; a square one is
     * left out when it equals {@code fallback}, Caffe's default (none is left out for -1).
     */
    public static void writeWindow(ProtoMessage.Builder b, IntPair pair, String both, String h, String w,
                                   long fallback) {
        if (pair.isSquare()) {
            if (pair.h() != fallback) {
                b.add(both, pair.h());
            }
        } else {
            b.add(h, pair.h()).add(w, pair.w());
        }
    }
}
