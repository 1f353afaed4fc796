package org.cnnworkbench.engine.data;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Writes Fashion-MNIST, or part of it, as an ImageNet-style folder of 8-bit grey PNGs:
 * {@code out/train/<class>/<index>.png} for the training set and {@code out/val/<class>/<index>.png} for the
 * test set, where {@code <class>} is one of {@link FashionMnist#FOLDER_NAMES} (sorted in label order) and
 * {@code <index>} the image's position in the IDX file.
 *
 * <p>Everything is written into a hidden temporary folder beside {@code out} which is renamed to {@code out}
 * at the end: an interrupted export leaves no half-written folder (at most the temporary one).
 *
 * <pre>{@code
 * Map<FashionMnist.Subset, int[]> counts = FashionMnistExport.export(FashionMnist.open(FashionMnist.DEFAULT_DIRECTORY),
 *         Path.of("fashion"), EnumSet.allOf(FashionMnist.Subset.class), 2, 3);   // 2 classes x 3 images each
 * }</pre>
 */
public final class FashionMnistExport {

    private FashionMnistExport() {
    }

    /** The folder a subset is written to: {@code train} or {@code val}. */
    public static String folderName(FashionMnist.Subset subset) {
        return subset == FashionMnist.Subset.TRAIN ? "train" : "val";
    }

    /**
     * Exports the first {@code classes} classes (0: all), at most {@code perClass} images each (0: all, the first
     * in file order), of each subset in {@code subsets}.
     *
     * @return the number of images written per class, by subset
     * @throws IOException if {@code out} exists and is not an empty folder, or writing fails (nothing is left at
     *                     {@code out} then)
     */
    public static Map<FashionMnist.Subset, int[]> export(FashionMnist data, Path out, Set<FashionMnist.Subset> subsets,
            int classes, int perClass) throws IOException {
        int classCount = FashionMnist.CLASS_NAMES.size();
        if (classes < 0 || classes > classCount) {
            throw new IllegalArgumentException("Fashion-MNIST has " + classCount + " classes; cannot export "
                    + classes);
        }
        if (perClass < 0) {
            throw new IllegalArgumentException("images per class must be positive, not " + perClass);
        }
        int k = classes == 0 ? classCount : classes;
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !OutputFolders.isEmptyDirectory(target)) {
            throw new IOException(out + " already exists and is not an empty folder; choose a new one");
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".partial-");
        try {
            Map<FashionMnist.Subset, int[]> written = new EnumMap<>(FashionMnist.Subset.class);
            for (FashionMnist.Subset subset : subsets) {
                written.put(subset, writeSubset(data.load(subset, Integer.MAX_VALUE),
                        temp.resolve(folderName(subset)), k, perClass));
            }
            if (Files.exists(target)) {
                Files.delete(target);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | DirectoryNotEmptyException e) {
                Files.move(temp, target);
            }
            return written;
        } finally {
            OutputFolders.deleteTree(temp);
        }
    }

    private static int[] writeSubset(FashionMnist.Split split, Path dir, int classes, int perClass)
            throws IOException {
        int[] counts = new int[classes];
        for (int c = 0; c < classes; c++) {
            Files.createDirectories(dir.resolve(FashionMnist.FOLDER_NAMES.get(c)));
        }
        int digits = Integer.toString(split.size() - 1).length();
        for (int i = 0; i < split.size(); i++) {
            int label = split.label(i);
            if (label >= classes || (perClass > 0 && counts[label] >= perClass)) {
                continue;
            }
            Path file = dir.resolve(FashionMnist.FOLDER_NAMES.get(label))
                    .resolve(String.format("%0" + digits + "d.png", i));
            if (!ImageIO.write(toImage(split, i), "png", file.toFile())) {
                throw new IOException("no PNG writer in this Java runtime");
            }
            counts[label]++;
        }
        return counts;
    }

    /** Image {@code index} of a split as an 8-bit grey image with the IDX file's exact pixel values. */
    public static BufferedImage toImage(FashionMnist.Split split, int index) {
        BufferedImage image = new BufferedImage(split.columns(), split.rows(), BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < split.rows(); y++) {
            for (int x = 0; x < split.columns(); x++) {
                raster.setSample(x, y, 0, split.pixel(index, y, x));
            }
        }
        return image;
    }

}
