package org.cnnworkbench.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    @TempDir
    Path dir;

    @Test
    @RealFashionMnist
    void theInstalledDataSetHasSixtyThousandAndTenThousand28x28Images() throws Exception {
        FashionMnist data = FashionMnist.open(FashionMnist.DEFAULT_DIRECTORY);

        FashionMnist.Split train = data.load(FashionMnist.Subset.TRAIN, Integer.MAX_VALUE);
        FashionMnist.Split test = data.load(FashionMnist.Subset.TEST, Integer.MAX_VALUE);

        assertThat(train.size()).isEqualTo(60_000);
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(train.rows()).isEqualTo(28);
        assertThat(train.columns()).isEqualTo(28);
        assertThat(train.classCounts()).containsOnly(6_000);
        assertThat(test.classCounts()).containsOnly(1_000);
        // the first training image is an ankle boot, the first test image too (as in the original files)
        assertThat(train.label(0)).isEqualTo(9);
        assertThat(test.label(0)).isEqualTo(9);
        ImageSample s = test.sample(0);
        assertThat(s.chw()).hasSize(784);
        for (float v : s.chw()) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void limitReadsOnlyTheFirstImages() throws Exception {
        FashionMnist data = FashionMnist.open(IdxFiles.fakeFashionMnist(dir, 40, 28));

        FashionMnist.Split first = data.load(FashionMnist.Subset.TRAIN, 25);
        FashionMnist.Split test = data.load(FashionMnist.Subset.TEST, 3);

        assertThat(first.size()).isEqualTo(25);
        assertThat(first.classCounts()).containsExactly(3, 3, 3, 3, 3, 2, 2, 2, 2, 2);
        assertThat(first.pixel(24, 27, 27)).isEqualTo(IdxFiles.pixel(24, 27, 27));
        assertThat(test.size()).isEqualTo(3);
        assertThat(test.pixel(2, 0, 0)).isEqualTo(IdxFiles.pixel(3, 0, 0));
    }

    @Test
    @RealFashionMnist
    void limitReadsOnlyTheFirstImagesOfTheInstalledDataSet() throws Exception {
        FashionMnist.Split first = FashionMnist.open(FashionMnist.DEFAULT_DIRECTORY)
                .load(FashionMnist.Subset.TRAIN, 100);
        assertThat(first.size()).isEqualTo(100);
    }

    @Test
    void aFolderOfGeneratedFilesLoads() throws Exception {
        FashionMnist data = FashionMnist.open(IdxFiles.fakeFashionMnist(dir, 20, 28));

        FashionMnist.Split train = data.load(FashionMnist.Subset.TRAIN, Integer.MAX_VALUE);

        assertThat(train.size()).isEqualTo(20);
        assertThat(train.label(13)).isEqualTo(3);
        assertThat(train.pixel(13, 4, 5)).isEqualTo(IdxFiles.pixel(13, 4, 5));
        assertThat(train.sample(13).value(0, 4, 5)).isEqualTo(IdxFiles.pixel(13, 4, 5) / 255f);
    }

    @Test
    void aMissingDataSetSaysWhatToInstall() {
        assertThatThrownBy(() -> FashionMnist.open(dir.resolve("nowhere")))
                .isInstanceOf(DatasetMissingException.class)
                .hasMessageContaining("Fashion-MNIST not found")
                .hasMessageContaining("dataset-fashion-mnist");
    }
}
