package org.cnnworkbench.engine.dl4j;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Where training data comes from; saved in the run directory so that {@code resume} reads the same data.
 *
 * @param source     {@code fashion-mnist}, or an image folder holding {@code train/<class>/*} and optionally
 *                   {@code val/<class>/*} (without {@code val/}, every tenth training image is held out)
 * @param fashionDir the folder of the Fashion-MNIST IDX files (null: the Debian location)
 * @param classes    the first N classes (0: all)
 * @param perClass   at most M images per class and split (0: all)
 * @param trainLimit at most this many training images (0: all); for Fashion-MNIST the first in file order
 * @param valLimit   at most this many validation images (0: all)
 * @param augment    whether training images are augmented: image folders with a random crop and a horizontal
 *                   flip ({@code ImagePipeline}), Fashion-MNIST with a random shift of up to
 *                   {@link #FASHION_SHIFT} pixels and a horizontal flip; validation images never are (runs
 *                   saved before this option existed read as false, as they were trained)
 */
public record DataSpec(String source, String fashionDir, int classes, int perClass, int trainLimit, int valLimit,
                       boolean augment) {

    /** The largest random shift of a Fashion-MNIST training image, in pixels, when augmenting. */
    public static final int FASHION_SHIFT = 2;

    public static final String FASHION_MNIST = "fashion-mnist";

    public DataSpec {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("no data source");
        }
        if (classes < 0 || perClass < 0 || trainLimit < 0 || valLimit < 0) {
            throw new IllegalArgumentException("class and image counts must not be negative");
        }
    }

    /**
     * Fashion-MNIST from the Debian location, the first {@code trainLimit} / {@code valLimit} images (0: all),
     * augmented.
     */
    public static DataSpec fashionMnist(int trainLimit, int valLimit) {
        return new DataSpec(FASHION_MNIST, null, 0, 0, trainLimit, valLimit, true);
    }

    /** An ImageNet-style folder, augmented. */
    public static DataSpec folder(String root, int classes, int perClass) {
        return new DataSpec(root, null, classes, perClass, 0, 0, true);
    }

    /** The same data with augmentation on or off. */
    public DataSpec withAugment(boolean on) {
        return new DataSpec(source, fashionDir, classes, perClass, trainLimit, valLimit, on);
    }

    @JsonIgnore
    public boolean isFashionMnist() {
        return FASHION_MNIST.equals(source);
    }
}
