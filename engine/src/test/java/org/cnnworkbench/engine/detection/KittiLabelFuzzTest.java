package org.cnnworkbench.engine.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import org.cnnworkbench.engine.data.kitti.KittiLabel;
import org.cnnworkbench.engine.data.kitti.KittiLabelFile;
import org.cnnworkbench.engine.data.kitti.KittiLabelFormatException;

/**
 * The KITTI harness: the {@code stress} parity set's label and result files, mutated as text (fields replaced by
 * odd numbers and words, fields and lines deleted or repeated, separators changed, text cut), are parsed and
 * evaluated. Every case must end in one {@link KittiLabelFormatException} naming the file, its line and the column, or in an
 * evaluation whose APs are all between 0 and 1: never another exception. The parser is
 * {@link KittiLabelFile}, as {@link KittiFolders} uses it.
 */
@Tag("fuzz")
class KittiLabelFuzzTest {

    private static final List<String> VALUES = List.of("0", "-1", "-10", "1e400", "NaN", "nan", "Infinity", "1d",
            "0x10", "", "Car", "DontCare", "Van", "Person_sitting", "99999999999999999999", "-0", "1e-300", "3.5",
            "\u00e9", "1,5", "+2", ".5", "5.", "2147483648");

    private static final List<Path> FILES = files();

    private static List<Path> files() {
        try (Stream<Path> gt = Files.list(root().resolve("gt")); Stream<Path> pred = Files.list(root().resolve("pred"))) {
            return Stream.concat(gt, pred).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root() {
        try {
            return Path.of(Objects.requireNonNull(KittiLabelFuzzTest.class.getResource("/kitti/devkit-parity/stress"))
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Property
    void noLabelFileBreaksTheEvaluation(@ForAll @IntRange(min = 0, max = 10_000) int frame,
                                        @ForAll @IntRange(min = 1, max = 4) int mutations, @ForAll long seed)
            throws IOException {
        Random random = new Random(seed);
        String name = String.format("%06d.txt", frame % 54);
        String truth = Files.readString(root().resolve("gt").resolve(name));
        Path predFile = root().resolve("pred").resolve(name);
        String found = Files.exists(predFile) ? Files.readString(predFile) : "";
        boolean mutateTruth = random.nextBoolean();
        for (int i = 0; i < mutations; i++) {
            if (mutateTruth) {
                truth = mutate(truth, random);
            } else {
                found = mutate(found, random);
            }
        }
        try {
            List<KittiLabel> gt = KittiLabelFile.strict(KittiLabelFile.parse(Path.of("gt", name), truth,
                    KittiLabel.Kind.LABEL));
            List<KittiLabel> det = KittiLabelFile.strict(KittiLabelFile.parse(Path.of("pred", name), found,
                    KittiLabel.Kind.RESULT));
            KittiEvaluation e = KittiEvaluator.evaluate(List.of(new KittiFrame(name, gt, det)));
            for (KittiClass c : KittiClass.values()) {
                for (KittiDifficulty d : KittiDifficulty.values()) {
                    for (ApMetric m : ApMetric.values()) {
                        e.of(c).ap(d, m).ifPresent(ap -> assertThat(ap).isBetween(0.0, 1.0));
                    }
                }
            }
        } catch (KittiLabelFormatException e) {
            assertThat(e.getMessage()).matches("(gt|pred)/" + name + ":\\d+:\\d+: .+");
            assertThat(e.getMessage()).doesNotContain("\n");
        }
    }

    private static String mutate(String text, Random random) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int at = random.nextInt(lines.size());
        String[] fields = lines.get(at).split(" ", -1);
        switch (random.nextInt(7)) {
            case 0, 1 -> {
                fields[random.nextInt(fields.length)] = VALUES.get(random.nextInt(VALUES.size()));
                lines.set(at, String.join(" ", fields));
            }
            case 2 -> {
                List<String> f = new ArrayList<>(List.of(fields));
                f.remove(random.nextInt(f.size()));
                lines.set(at, String.join(" ", f));
            }
            case 3 -> lines.add(at, lines.get(at));
            case 4 -> lines.remove(at);
            case 5 -> lines.set(at, lines.get(at).replace(" ", random.nextBoolean() ? "\t" : "  "));
            default -> {
                String joined = String.join("\n", lines);
                return joined.substring(0, random.nextInt(joined.length() + 1));
            }
        }
        return String.join("\n", lines);
    }
}
