package org.cnnworkbench.engine.data;

import java.util.Arrays;

/**
 * The content of an IDX file of unsigned bytes: its dimensions (outermost first) and its data, row-major.
 *
 * <p>Images files ({@code idx3}) have dimensions {@code [count, rows, columns]}, label files ({@code idx1})
 * {@code [count]}.
 */
public record IdxFile(int[] dims, byte[] data) {

    public IdxFile {
        dims = dims.clone();
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    /** The size of the first dimension: the number of images or labels. */
    public int count() {
        return dims[0];
    }

    /** The number of values in one item (rows x columns for images, 1 for labels). */
    public int itemSize() {
        int size = 1;
        for (int i = 1; i < dims.length; i++) {
            size *= dims[i];
        }
        return size;
    }

    /** Value {@code index} of the data, read as an unsigned byte (0..255). */
    public int unsigned(long index) {
        return data[Math.toIntExact(index)] & 0xff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxFile other && Arrays.equals(dims, other.dims) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(dims) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "IdxFile" + Arrays.toString(dims);
    }
}
