package org.cnnworkbench.engine.data.kitti;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.cnnworkbench.engine.data.OutputFolders;

/**
 * Draws a KITTI-format data set: street scenes with cars, pedestrians and cyclists whose boxes are known, written
 * as {@code OUT/training/image_2/NNNNNN.png} and {@code OUT/training/label_2/NNNNNN.txt} exactly as the benchmark's.
 * Tests and demos use it; the same commands read the real KITTI folder.
 *
 * <p>Each object is a 3D box (dimensions typical of its class, a location on the ground 4-50 m ahead, a heading)
 * projected with KITTI's camera (focal length 721.5 px at 1242 x 375, scaled to the image), so alpha, dimensions,
 * location and rotation_y are consistent with the 2D box. Boxes are clipped to the image and {@code truncated} is
 * the fraction of the projected box outside it; objects are drawn far to near and {@code occluded} follows the
 * share of the object's drawn pixels that nearer objects cover (under 10%: 0, under 50%: 1, else 2; objects more
 * than 90% hidden are left out). Distant objects (beyond 50 m) are drawn in clusters and labelled as one DontCare
 * region each. The same seed always gives the same files.
 *
 * <pre>{@code
 * KittiSynth.Summary s = KittiSynth.generate(Path.of("synth"), new KittiSynth.Options(20, 1, 621, 188));
 * }</pre>
 */
public final class KittiSynth {

    /** Half of KITTI's 1242 x 375 pixels. */
    public static final int DEFAULT_WIDTH = 621;
    public static final int DEFAULT_HEIGHT = 188;
    /** Limits checked up front. */
    public static final int MAX_IMAGES = 100_000;
    public static final int MAX_SIDE = 4096;
    public static final int MIN_SIDE = 32;

    private static final double FOCAL = 721.5377;
    private static final double KITTI_WIDTH = 1242;
    private static final double KITTI_HEIGHT = 375;
    private static final double CAMERA_HEIGHT = 1.65;

    /** How many images, from which seed, of which size. */
    public record Options(int images, long seed, int width, int height) {

        public Options {
            if (images < 1 || images > MAX_IMAGES) {
                throw new IllegalArgumentException("the number of images must be 1.." + MAX_IMAGES + ", not "
                        + images);
            }
            if (width < MIN_SIDE || width > MAX_SIDE || height < MIN_SIDE || height > MAX_SIDE) {
                throw new IllegalArgumentException("the image size must be " + MIN_SIDE + ".." + MAX_SIDE
                        + " pixels a side, not " + width + "x" + height);
            }
        }
    }

    /** One drawn image and its labels. */
    public record Scene(BufferedImage image, List<KittiLabel> labels) {
    }

    /** What was written: the number of images and of labels by type. */
    public record Summary(Path out, int images, Map<String, Integer> labelsByType) {
    }

    private record Placed(String type, double[] dims, double x, double y, double z, double ry, double[] full,
            double[] clipped, long paintSeed) {
    }

    private KittiSynth() {
    }

    /**
     * Writes the data set into a hidden temporary folder beside {@code out} and renames it when complete.
     *
     * @throws IOException if {@code out} exists and is not an empty folder, or writing fails
     */
    public static Summary generate(Path out, Options options) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !OutputFolders.isEmptyDirectory(target)) {
            throw new IOException(out + " already exists and is not an empty folder; choose a new one");
        }
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".partial-");
        try {
            Path images = Files.createDirectories(temp.resolve("training/image_2"));
            Path labels = Files.createDirectories(temp.resolve("training/label_2"));
            Map<String, Integer> counts = new TreeMap<>();
            for (int i = 0; i < options.images(); i++) {
                Scene scene = scene(options.seed(), i, options.width(), options.height());
                String id = String.format("%06d", i);
                if (!ImageIO.write(scene.image(), "png", images.resolve(id + ".png").toFile())) {
                    throw new IOException("no PNG writer in this Java runtime");
                }
                KittiLabelFile.write(labels.resolve(id + ".txt"), scene.labels());
                scene.labels().forEach(l -> counts.merge(l.type(), 1, Integer::sum));
            }
            if (Files.exists(target)) {
                Files.delete(target);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | DirectoryNotEmptyException e) {
                Files.move(temp, target);
            }
            return new Summary(out, options.images(), counts);
        } finally {
            OutputFolders.deleteTree(temp);
        }
    }

    /** Image {@code index} of the data set of {@code seed}: the same arguments always draw the same scene. */
    public static Scene scene(long seed, int index, int width, int height) {
        long mixed = seed * 0x9E3779B97F4A7C15L + index * 0xC2B2AE3D27D4EB4FL;
        Random r = new Random(mixed ^ (mixed >>> 31));
        double fx = FOCAL * width / KITTI_WIDTH;
        double fy = FOCAL * height / KITTI_HEIGHT;
        double cx = width * 609.5593 / KITTI_WIDTH;
        double cy = height * 172.854 / KITTI_HEIGHT;
        List<Placed> objects = new ArrayList<>();
        int count = 1 + r.nextInt(8);
        for (int tries = 0; objects.size() < count && tries < 50; tries++) {
            place(r, pickClass(r), 4 + 46 * Math.pow(r.nextDouble(), 1.3), fx, fy, cx, cy, width, height)
                    .ifPresent(objects::add);
        }
        List<Placed> distant = new ArrayList<>();
        int clusters = r.nextInt(3);
        for (int c = 0; c < clusters; c++) {
            double z = 55 + 30 * r.nextDouble();
            double x0 = (r.nextDouble() - 0.5) * 2 * z * cx / fx * 0.8;
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                place(r, pickClass(r), z + 3 * r.nextDouble(), fx, fy, cx, cy, width, height, x0 + 3 * r.nextGaussian())
                        .ifPresent(distant::add);
            }
        }
        objects = visible(objects, width, height);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = KittiPainter.graphics(image);
        KittiPainter.background(g, r, width, height, cy, cx);
        List<Placed> drawOrder = new ArrayList<>(distant);
        drawOrder.addAll(objects);
        drawOrder.sort(Comparator.comparingDouble((Placed p) -> p.z()).reversed());
        for (Placed p : drawOrder) {
            double[] b = p.full();
            KittiPainter.object(g, p.type(), p.paintSeed(), null, b[0], b[1], b[2] - b[0], b[3] - b[1]);
        }
        g.dispose();
        KittiPainter.noise(image, r, r.nextInt(13));
        List<KittiLabel> labels = new ArrayList<>();
        double[] visible = visibleFractions(objects, width, height);
        for (int i = 0; i < objects.size(); i++) {
            double covered = 1 - visible[i];
            labels.add(label(objects.get(i), covered < 0.1 ? 0 : covered < 0.5 ? 1 : 2, width, height));
        }
        labels.addAll(dontCares(distant, width, height));
        return new Scene(image, labels);
    }

    private static String pickClass(Random r) {
        double u = r.nextDouble();
        return u < 0.6 ? "Car" : u < 0.85 ? "Pedestrian" : "Cyclist";
    }

    private static java.util.Optional<Placed> place(Random r, String type, double z, double fx, double fy, double cx,
            double cy, int width, int height) {
        double halfWidthMetres = z * cx / fx;
        return place(r, type, z, fx, fy, cx, cy, width, height, (r.nextDouble() - 0.5) * 2 * 1.15 * halfWidthMetres);
    }

    private static java.util.Optional<Placed> place(Random r, String type, double z, double fx, double fy, double cx,
            double cy, int width, int height, double x) {
        double[] dims = switch (type) {   // height, width, length in metres
            case "Car" -> new double[] {1.4 + 0.3 * r.nextDouble(), 1.55 + 0.3 * r.nextDouble(),
                3.6 + r.nextDouble()};
            case "Pedestrian" -> new double[] {1.5 + 0.45 * r.nextDouble(), 0.45 + 0.3 * r.nextDouble(),
                0.5 + 0.5 * r.nextDouble()};
            default -> new double[] {1.55 + 0.3 * r.nextDouble(), 0.5 + 0.2 * r.nextDouble(),
                1.5 + 0.4 * r.nextDouble()};
        };
        double ry = type.equals("Pedestrian") ? (r.nextDouble() * 2 - 1) * Math.PI
                : (r.nextBoolean() ? 1 : -1) * Math.PI / 2 + 0.4 * r.nextGaussian();
        ry = wrap(ry);
        double y = CAMERA_HEIGHT + 0.1 * r.nextGaussian();
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        double c = Math.cos(ry);
        double s = Math.sin(ry);
        for (int corner = 0; corner < 8; corner++) {
            double ox = ((corner & 1) == 0 ? -0.5 : 0.5) * dims[2];
            double oy = (corner & 2) == 0 ? 0 : -dims[0];
            double oz = ((corner & 4) == 0 ? -0.5 : 0.5) * dims[1];
            double px = x + c * ox + s * oz;
            double pz = z - s * ox + c * oz;
            if (pz < 1) {
                return java.util.Optional.empty();
            }
            double u = cx + fx * px / pz;
            double v = cy + fy * (y + oy) / pz;
            box[0] = Math.min(box[0], u);
            box[1] = Math.min(box[1], v);
            box[2] = Math.max(box[2], u);
            box[3] = Math.max(box[3], v);
        }
        double[] clipped = {Math.max(0, box[0]), Math.max(0, box[1]), Math.min(width - 1, box[2]),
            Math.min(height - 1, box[3])};
        if (clipped[2] - clipped[0] < 2 || clipped[3] - clipped[1] < 2) {
            return java.util.Optional.empty();
        }
        double outside = 1 - area(clipped) / area(box);
        if (outside > 0.75) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Placed(type, dims, x, y, z, ry, box, clipped, r.nextLong()));
    }

    /** Leaves out objects more than 90% hidden by nearer ones, until none is; sorted far to near. */
    private static List<Placed> visible(List<Placed> objects, int width, int height) {
        List<Placed> kept = new ArrayList<>(objects);
        kept.sort(Comparator.comparingDouble((Placed p) -> p.z()).reversed());
        boolean changed = true;
        while (changed) {
            changed = false;
            double[] visible = visibleFractions(kept, width, height);
            for (int i = 0; i < kept.size(); i++) {
                if (visible[i] < 0.1) {
                    kept.remove(i);
                    changed = true;
                    break;
                }
            }
        }
        return kept;
    }

    /**
     * For each object (sorted far to near) the share of its drawn pixels inside the image that no nearer object
     * covers: the silhouettes are drawn as in the scene, each in its own colour, without antialiasing.
     */
    private static double[] visibleFractions(List<Placed> farToNear, int width, int height) {
        BufferedImage mask = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] own = new int[farToNear.size()];
        for (int i = 0; i < farToNear.size(); i++) {
            clear(mask);
            draw(mask, farToNear.get(i), i);
            own[i] = count(mask)[i + 1];
        }
        clear(mask);
        for (int i = 0; i < farToNear.size(); i++) {
            draw(mask, farToNear.get(i), i);
        }
        int[] shown = count(mask);
        double[] fraction = new double[farToNear.size()];
        for (int i = 0; i < fraction.length; i++) {
            fraction[i] = own[i] == 0 ? 0 : (double) shown[i + 1] / own[i];
        }
        return fraction;
    }

    private static void draw(BufferedImage mask, Placed p, int index) {
        Graphics2D g = mask.createGraphics();
        double[] b = p.full();
        KittiPainter.object(g, p.type(), p.paintSeed(), new java.awt.Color(index + 1), b[0], b[1], b[2] - b[0],
                b[3] - b[1]);
        g.dispose();
    }

    private static void clear(BufferedImage mask) {
        int[] data = ((java.awt.image.DataBufferInt) mask.getRaster().getDataBuffer()).getData();
        java.util.Arrays.fill(data, 0);
    }

    /** Pixels per colour value (index + 1), 0 for the background. */
    private static int[] count(BufferedImage mask) {
        int[] data = ((java.awt.image.DataBufferInt) mask.getRaster().getDataBuffer()).getData();
        int[] counts = new int[256];
        for (int v : data) {
            int id = v & 0xFFFFFF;
            if (id < counts.length) {
                counts[id]++;
            }
        }
        return counts;
    }

    private static KittiLabel label(Placed p, int occluded, int width, int height) {
        double truncated = Math.round(100 * (1 - area(p.clipped()) / area(p.full()))) / 100.0;
        double alpha = wrap(p.ry() - Math.atan2(p.x(), p.z()));
        double[] b = p.clipped();
        return KittiLabel.of(p.type(), truncated, occluded, alpha, b[0], b[1], b[2], b[3], p.dims()[0],
                p.dims()[1], p.dims()[2], p.x(), p.y(), p.z(), p.ry());
    }

    /** One DontCare region per cluster of distant objects: the union of their boxes. */
    private static List<KittiLabel> dontCares(List<Placed> distant, int width, int height) {
        List<KittiLabel> regions = new ArrayList<>();
        List<Placed> left = new ArrayList<>(distant);
        while (!left.isEmpty()) {
            double[] u = left.remove(0).clipped().clone();
            boolean grew = true;
            while (grew) {
                grew = false;
                for (int i = 0; i < left.size(); i++) {
                    double[] b = left.get(i).clipped();
                    if (b[0] <= u[2] + 4 && b[2] >= u[0] - 4 && b[1] <= u[3] + 4 && b[3] >= u[1] - 4) {
                        u = new double[] {Math.min(u[0], b[0]), Math.min(u[1], b[1]), Math.max(u[2], b[2]),
                            Math.max(u[3], b[3])};
                        left.remove(i);
                        grew = true;
                        break;
                    }
                }
            }
            regions.add(KittiLabel.dontCare(Math.max(0, u[0] - 2), Math.max(0, u[1] - 2),
                    Math.min(width - 1, u[2] + 2), Math.min(height - 1, u[3] + 2)));
        }
        return regions;
    }

    private static double area(double[] b) {
        return Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
    }

    private static double wrap(double angle) {
        double a = angle;
        while (a > Math.PI) {
            a -= 2 * Math.PI;
        }
        while (a < -Math.PI) {
            a += 2 * Math.PI;
        }
        return a;
    }

}
