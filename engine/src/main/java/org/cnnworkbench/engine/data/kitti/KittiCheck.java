package org.cnnworkbench.engine.data.kitti;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.cnnworkbench.engine.data.ImageDecoder;

/**
 * A linter for a KITTI folder, run before training: images without labels and labels without images, malformed
 * lines, unreadable images, boxes outside their image, a histogram of every type with the KITTI difficulty levels,
 * and the boxes measured against the network's output stride and anchors, so that a class the network could
 * never learn is caught before the run starts.
 *
 * <pre>{@code
 * KittiCheck.Report r = KittiCheck.run(Path.of("kitti"), new KittiCheck.Options(KittiClassMap.standard(), 16,
 *         List.of(new KittiCheck.Anchor(32, 32)), true, false, KittiDataset.OnMalformed.SKIP_IMAGE));
 * r.problems().forEach(System.out::println);
 * }</pre>
 */
public final class KittiCheck {

    /** The IoU an object's box must reach with some anchor (centres aligned) to be matched, as in training. */
    public static final double ANCHOR_MATCH_IOU = 0.5;

    /** An anchor shape in image pixels. */
    public record Anchor(double width, double height) {

        public Anchor {
            if (!(width > 0 && height > 0 && width < 1e6 && height < 1e6)) {
                throw new IllegalArgumentException("an anchor must be positive, not " + width + "x" + height);
            }
        }

        /** The IoU of a box of {@code w x h} with this anchor, centres aligned. */
        public double iou(double w, double h) {
            double inter = Math.min(w, width) * Math.min(h, height);
            double union = w * h + width * height - inter;
            return union <= 0 ? 0 : inter / union;
        }
    }

    /**
     * What to check against.
     *
     * @param stride  the network's output stride in image pixels (one grid cell is stride x stride)
     * @param anchors the anchor shapes in image pixels; empty: not checked
     * @param decode  decode every image (finds corrupt ones); otherwise only their headers are read
     * @param scaleLevels judge the difficulty heights scaled by image height / 375 (for images smaller than
     *                KITTI's); otherwise in the devkit's pixels, as {@code eval-kitti} does
     * @param onMalformed {@code SKIP_IMAGE}: list malformed lines and go on; {@code STOP}: throw the first
     */
    public record Options(KittiClassMap classes, int stride, List<Anchor> anchors, boolean decode,
            boolean scaleLevels, KittiDataset.OnMalformed onMalformed) {

        public Options {
            anchors = List.copyOf(anchors);
            if (stride < 1 || stride > 4096) {
                throw new IllegalArgumentException("the stride must be 1..4096, not " + stride);
            }
        }
    }

    /**
     * One type's objects.
     *
     * @param trainedAs the class it is trained as, or empty when it is not trained
     * @param tooSmall  objects whose box fits within one grid cell (width and height below the stride)
     * @param noAnchor  objects no anchor matches with IoU {@value #ANCHOR_MATCH_IOU} or more (0 without anchors)
     * @param learnable objects at Hard or easier that are neither too small nor without an anchor
     */
    public record TypeRow(String type, String trainedAs, int objects, int easy, int moderate, int hard, int tooSmall,
            int noAnchor, int learnable, double minHeight, double medianHeight, double maxHeight) {
    }

    /**
     * The findings. {@link #problems()} are what should be fixed before training (the exit status of
     * {@code workbench dataset check} is 1 when there are any).
     */
    public record Report(Path root, int images, int labelled, int width, int height, double heightScale,
            List<TypeRow> types, List<String> problems, List<String> notes) {

        public Report {
            types = List.copyOf(types);
            problems = List.copyOf(problems);
            notes = List.copyOf(notes);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private KittiCheck() {
    }

    /**
     * Checks {@code dir} (a KITTI root or its {@code training} folder).
     *
     * @throws KittiLabelFormatException with {@code STOP}, at the first malformed line
     */
    public static Report run(Path dir, Options options) throws IOException {
        KittiDataset data = KittiDataset.open(dir, options.onMalformed());
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (KittiLabelFormatException e : data.malformed()) {
            if (problems.size() < 20) {
                problems.add("malformed: " + e.getMessage());
            }
        }
        if (data.malformed().size() > 20) {
            problems.add("... and " + (data.malformed().size() - 20) + " more malformed lines");
        }
        if (data.skippedImages() > 0) {
            problems.add(data.skippedImages() + " image(s) left out for malformed label lines");
        }
        listed(problems, "image without a label file", data.imagesWithoutLabels());
        listed(problems, "label file without an image", data.labelsWithoutImages());

        Map<String, List<KittiLabel>> byType = new LinkedHashMap<>();
        KittiClassMap.KITTI_TYPES.forEach(t -> byType.put(t, new ArrayList<>()));
        int width = 0;
        int height = 0;
        int readable = 0;
        List<String> unreadable = new ArrayList<>();
        List<String> boxProblems = new ArrayList<>();
        int boxProblemCount = 0;
        for (KittiSample s : data.samples()) {
            int[] size = size(s.image(), options.decode(), unreadable);
            if (size == null) {
                continue;
            }
            readable++;
            if (width == 0) {
                width = size[0];
                height = size[1];
            } else if (width != size[0] || height != size[1]) {
                notes.add(s.image().getFileName() + " is " + size[0] + "x" + size[1] + ", not " + width + "x" + height
                        + " like the first image");
            }
            for (KittiLabel l : s.labels()) {
                byType.computeIfAbsent(l.type(), t -> new ArrayList<>()).add(l);
                if (l.left() < 0 || l.top() < 0 || l.right() > size[0] || l.bottom() > size[1]
                        || l.boxWidth() < 1 || l.boxHeight() < 1) {
                    if (boxProblemCount++ < 10) {
                        boxProblems.add(String.format(Locale.ROOT, "box outside its %dx%d image or empty: %s: %s",
                                size[0], size[1], s.id(), l.format()));
                    }
                }
            }
        }
        problems.addAll(boxProblems);
        if (boxProblemCount > 10) {
            problems.add("... and " + (boxProblemCount - 10) + " more boxes outside their image or empty");
        }
        problems.addAll(unreadable.subList(0, Math.min(10, unreadable.size())));
        if (unreadable.size() > 10) {
            problems.add("... and " + (unreadable.size() - 10) + " more unreadable images");
        }
        double scale = height == 0 || !options.scaleLevels() ? 1 : height / KittiLevel.KITTI_IMAGE_HEIGHT;
        List<TypeRow> rows = new ArrayList<>();
        for (Map.Entry<String, List<KittiLabel>> e : byType.entrySet()) {
            rows.add(row(e.getKey(), e.getValue(), options, scale));
        }
        for (String c : options.classes().classes()) {
            int objects = 0;
            int learnable = 0;
            int tooSmall = 0;
            int noAnchor = 0;
            for (TypeRow r : rows) {
                if (r.trainedAs().equals(c)) {
                    objects += r.objects();
                    learnable += r.learnable();
                    tooSmall += r.tooSmall();
                    noAnchor += r.noAnchor();
                }
            }
            if (objects == 0) {
                problems.add("class " + c + " has no objects: the network cannot learn it");
            } else if (learnable == 0) {
                problems.add("class " + c + " has no learnable objects: of " + objects + ", " + tooSmall
                        + " fit within one " + options.stride() + "x" + options.stride() + " grid cell"
                        + (options.anchors().isEmpty() ? "" : ", " + noAnchor + " match no anchor (IoU >= "
                        + ANCHOR_MATCH_IOU + ")") + ", and none of the rest is Hard or easier");
            }
        }
        return new Report(data.root(), data.samples().size() + data.imagesWithoutLabels().size()
                + data.skippedImages(), readable, width, height, scale, rows, problems, notes);
    }

    private static TypeRow row(String type, List<KittiLabel> labels, Options options, double scale) {
        String trainedAs = options.classes().classNameOf(type).orElse("");
        int easy = 0;
        int moderate = 0;
        int hard = 0;
        int tooSmall = 0;
        int noAnchor = 0;
        int learnable = 0;
        double[] heights = labels.stream().mapToDouble(KittiLabel::boxHeight).sorted().toArray();
        for (KittiLabel l : labels) {
            if (l.isDontCare()) {
                continue;
            }
            boolean isHard = KittiLevel.HARD.admits(l, scale);
            easy += KittiLevel.EASY.admits(l, scale) ? 1 : 0;
            moderate += KittiLevel.MODERATE.admits(l, scale) ? 1 : 0;
            hard += isHard ? 1 : 0;
            boolean small = l.boxWidth() < options.stride() && l.boxHeight() < options.stride();
            boolean unmatched = !options.anchors().isEmpty() && options.anchors().stream()
                    .mapToDouble(a -> a.iou(l.boxWidth(), l.boxHeight())).max().orElse(0) < ANCHOR_MATCH_IOU;
            tooSmall += small ? 1 : 0;
            noAnchor += unmatched ? 1 : 0;
            learnable += isHard && !small && !unmatched ? 1 : 0;
        }
        return new TypeRow(type, trainedAs, labels.size(), easy, moderate, hard, tooSmall, noAnchor, learnable,
                heights.length == 0 ? Double.NaN : heights[0],
                heights.length == 0 ? Double.NaN : heights[heights.length / 2],
                heights.length == 0 ? Double.NaN : heights[heights.length - 1]);
    }

    private static void listed(List<String> problems, String what, List<Path> files) {
        for (int i = 0; i < Math.min(10, files.size()); i++) {
            problems.add(what + ": " + files.get(i));
        }
        if (files.size() > 10) {
            problems.add("... and " + (files.size() - 10) + " more of: " + what);
        }
    }

    /** The image's width and height, or null (with a problem added) when it cannot be read. */
    private static int[] size(Path image, boolean decode, List<String> problems) {
        if (decode) {
            ImageDecoder.Result r = ImageDecoder.decode(image);
            if (r.image().isEmpty()) {
                problems.add("unreadable image: " + image + " (" + r.problem() + ")");
                return null;
            }
            return new int[] {r.image().get().getWidth(), r.image().get().getHeight()};
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                problems.add("unreadable image: " + image + " (not a JPEG or PNG image)");
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            problems.add("unreadable image: " + image + " (" + e.getMessage() + ")");
            return null;
        }
    }
}
