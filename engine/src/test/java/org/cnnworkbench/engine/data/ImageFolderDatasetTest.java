package org.cnnworkbench.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {

    @TempDir
    Path dir;

    private Path train;

    static BufferedImage rgb(int w, int h, int r, int g, int b) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    static BufferedImage grey(int w, int h, int value) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.getRaster().setSample(x, y, 0, value);
            }
        }
        return image;
    }

    static void write(BufferedImage image, String format, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        assertThat(ImageIO.write(image, format, file.toFile())).isTrue();
    }

    @BeforeEach
    void imageNetLayout() throws Exception {
        train = dir.resolve("train");
        // classes named like ImageNet synsets; sorted order gives the labels
        write(rgb(40, 30, 255, 0, 0), "png", train.resolve("n02/a.png"));
        write(rgb(30, 40, 0, 255, 0), "jpeg", train.resolve("n02/b.JPEG"));
        write(grey(32, 32, 128), "png", train.resolve("n02/c.PNG"));
        write(grey(20, 20, 64), "jpg", train.resolve("n01/a.jpg"));
        write(rgb(50, 50, 0, 0, 255), "jpeg", train.resolve("n01/b.jpeg"));
        Files.writeString(train.resolve("n01/notes.txt"), "not an image");
        Files.write(train.resolve("n01/corrupt.JPEG"), new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 1, 2, 3});
        write(rgb(8, 8, 9, 9, 9), "png", train.resolve("n03/a.png"));
    }

    @Test
    void classesAreTheSortedFoldersAndImagesAnyCaseOfJpegOrPng() throws Exception {
        ImageIndex index = ImageIndex.scanFolder(train, ClassSubset.all(), 0);

        assertThat(index.classes()).containsExactly("n01", "n02", "n03");
        assertThat(index.classCounts()).containsExactly(3, 3, 1);
        assertThat(index.entries().get(0).path().getFileName().toString()).isEqualTo("a.jpg");
        assertThat(index.entries().get(1).path().getFileName().toString()).isEqualTo("b.jpeg");
        assertThat(index.entries().get(2).path().getFileName().toString()).isEqualTo("corrupt.JPEG");
    }

    @Test
    void subsetsChooseTheFirstOrNamedClassesAndCapImagesPerClass() throws Exception {
        assertThat(ImageIndex.scanFolder(train, ClassSubset.first(2), 2).classCounts()).containsExactly(2, 2);
        ImageIndex named = ImageIndex.scanFolder(train, ClassSubset.named(List.of("n03", "n01")), 1);
        assertThat(named.classes()).containsExactly("n01", "n03");
        assertThat(named.entries()).extracting(ImageEntry::label).containsExactly(0, 1);
        assertThatThrownBy(() -> ImageIndex.scanFolder(train, ClassSubset.named(List.of("n09")), 0))
                .hasMessageContaining("no class 'n09'").hasMessageContaining("n01, n02, n03");
        assertThatThrownBy(() -> ImageIndex.scanFolder(train, ClassSubset.first(4), 0))
                .hasMessageContaining("4 classes asked for").hasMessageContaining("only 3");
        assertThatThrownBy(() -> ImageIndex.scanFolder(dir.resolve("val"), ClassSubset.all(), 0))
                .isInstanceOf(DatasetMissingException.class).hasMessageContaining("no such folder");
    }

    @Test
    void corruptImageIsSkippedAndCountedNotThrown() throws Exception {
        ImageFolderDataset data = new ImageFolderDataset(ImageIndex.scanFolder(train, ClassSubset.all(), 0),
                new ImagePipeline(3, 16, 16, 1.25, null));

        List<ImageSample> samples = data.readAll(null);
        data.readAll(new Random(1));

        assertThat(samples).hasSize(6);
        assertThat(data.skipped()).isEqualTo(1);
        assertThat(data.skippedImages()).containsOnlyKeys(train.resolve("n01/corrupt.JPEG"));
        assertThat(data.warning()).hasValueSatisfying(w -> assertThat(w)
                .startsWith("skipped 1 unreadable image: " + train.resolve("n01/corrupt.JPEG") + " ("));
        assertThat(data.read(2, null)).isEmpty();
    }

    @Test
    void greyAndRgbImagesBecomeTheInputsChannels() throws Exception {
        ImageIndex index = ImageIndex.scanFolder(train, ClassSubset.all(), 0);
        ImageFolderDataset rgb = new ImageFolderDataset(index, new ImagePipeline(3, 16, 16, 1.0, null));
        ImageFolderDataset grey = new ImageFolderDataset(index, new ImagePipeline(1, 16, 16, 1.0, null));

        ImageSample redAsRgb = rgb.read(3, null).orElseThrow();  // n02/a.png, pure red
        ImageSample greyAsRgb = rgb.read(5, null).orElseThrow(); // n02/c.PNG, grey 128
        ImageSample redAsGrey = grey.read(3, null).orElseThrow();

        assertThat(redAsRgb.label()).isEqualTo(1);
        assertThat(redAsRgb.value(0, 5, 5)).isEqualTo(1f);
        assertThat(redAsRgb.value(1, 5, 5)).isEqualTo(0f);
        assertThat(greyAsRgb.value(0, 7, 7)).isEqualTo(128 / 255f);
        assertThat(greyAsRgb.value(2, 7, 7)).isEqualTo(128 / 255f);
        assertThat(redAsGrey.chw()).hasSize(256);
        assertThat(redAsGrey.value(0, 0, 0)).isCloseTo(0.299f, within(1e-5f));
        // the JPEG is lossy: green stays close to green
        ImageSample green = rgb.read(4, null).orElseThrow();
        assertThat(green.value(1, 8, 8)).isGreaterThan(0.9f);
        assertThat(green.value(0, 8, 8)).isLessThan(0.1f);
    }

    @Test
    void meanIsComputedOverTheSubsetAndSubtracted() throws Exception {
        ImageIndex index = ImageIndex.scanFolder(train, ClassSubset.named(List.of("n02")), 0);
        ImagePipeline pipeline = new ImagePipeline(3, 8, 8, 1.0, null);

        float[] mean = ImageFolderDataset.channelMean(index, pipeline);

        // red, green (JPEG, approximately) and grey 128
        assertThat(mean[0]).isCloseTo((1f + 0f + 128 / 255f) / 3, within(0.02f));
        assertThat(mean[1]).isCloseTo((0f + 1f + 128 / 255f) / 3, within(0.02f));
        ImageSample centred = new ImageFolderDataset(index, pipeline.withMean(mean)).read(0, null).orElseThrow();
        assertThat(centred.value(0, 0, 0)).isCloseTo(1f - mean[0], within(1e-6f));
    }

    @Test
    void ilsvrcValidationImagesTakeTheirLabelsFromTheGroundTruthFile() throws Exception {
        Path val = dir.resolve("val");
        for (int n = 1; n <= 6; n++) {
            write(rgb(10, 10, n * 40, 0, 0), "jpeg", val.resolve(String.format("ILSVRC2012_val_%08d.JPEG", n)));
        }
        Files.write(val.resolve("ILSVRC2012_val_00000007.JPEG"), new byte[] {1, 2, 3});
        Path truth = dir.resolve("ILSVRC2012_validation_ground_truth.txt");
        Files.writeString(truth, "3\n1\n2\n3\n3\n1\n2\n");
        List<String> synsets = List.of("n03", "n01", "n02"); // label 1 = n03 (devkit order), label 2 = n01, ...

        ImageIndex index = ImageIndex.ilsvrcValidation(val, truth, synsets, 1, List.of("n01", "n02", "n03"), 0);

        assertThat(index.entries()).extracting(e -> e.path().getFileName().toString() + ":" + e.label())
                .containsExactly("ILSVRC2012_val_00000001.JPEG:1", "ILSVRC2012_val_00000002.JPEG:2",
                        "ILSVRC2012_val_00000003.JPEG:0", "ILSVRC2012_val_00000004.JPEG:1",
                        "ILSVRC2012_val_00000005.JPEG:1", "ILSVRC2012_val_00000006.JPEG:2",
                        "ILSVRC2012_val_00000007.JPEG:0");
        ImageIndex capped = ImageIndex.ilsvrcValidation(val, truth, synsets, 1, List.of("n02", "n03"), 1);
        assertThat(capped.classCounts()).containsExactly(1, 1);
        ImageFolderDataset data = new ImageFolderDataset(index, new ImagePipeline(3, 8, 8, 1.0, null));
        assertThat(data.readAll(null)).hasSize(6);
        assertThat(data.skipped()).isEqualTo(1);
    }

    @Test
    void ilsvrcGroundTruthErrorsNameTheLine() throws Exception {
        Path val = dir.resolve("val");
        write(rgb(4, 4, 0, 0, 0), "jpeg", val.resolve("ILSVRC2012_val_00000002.JPEG"));
        Path truth = dir.resolve("gt.txt");
        Files.writeString(truth, "1\nx\n");
        assertThatThrownBy(() -> ImageIndex.ilsvrcValidation(val, truth, null, 1, List.of("1"), 0))
                .hasMessageContaining("line 2: 'x' is not a label number");
        Files.writeString(truth, "1\n");
        assertThatThrownBy(() -> ImageIndex.ilsvrcValidation(val, truth, null, 1, List.of("1"), 0))
                .hasMessageContaining("has 1 labels but there is an image ILSVRC2012_val_00000002.JPEG");
    }

    @Test
    void decodingNeverThrows() throws Exception {
        Path bad = dir.resolve("bad.png");
        Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H'});
        assertThat(ImageDecoder.decode(bad).image()).isEqualTo(Optional.empty());
        assertThat(ImageDecoder.decode(dir.resolve("missing.png")).image()).isEmpty();
    }
}
