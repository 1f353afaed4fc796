package org.cnnworkbench.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistExportTest {

    @TempDir
    Path dir;

    /** Exports 2 classes x 3 images of each subset and checks every pixel read back against the IDX files. */
    private void exportAndReadBack(FashionMnist data) throws Exception {
        Path out = dir.resolve("fashion");

        Map<FashionMnist.Subset, int[]> counts = FashionMnistExport.export(data, out,
                EnumSet.allOf(FashionMnist.Subset.class), 2, 3);

        assertThat(counts.get(FashionMnist.Subset.TRAIN)).containsExactly(3, 3);
        for (FashionMnist.Subset subset : FashionMnist.Subset.values()) {
            FashionMnist.Split idx = data.load(subset, Integer.MAX_VALUE);
            ImageIndex index = ImageIndex.scanFolder(out.resolve(FashionMnistExport.folderName(subset)),
                    ClassSubset.all(), 0);
            assertThat(index.classes()).containsExactly("0-tshirt-top", "1-trouser");
            assertThat(index.classCounts()).containsExactly(3, 3);
            ImageFolderDataset folder = new ImageFolderDataset(index, new ImagePipeline(1, 28, 28, 1.0, null));
            for (int i = 0; i < index.size(); i++) {
                String name = index.entries().get(i).path().getFileName().toString();
                int position = Integer.parseInt(name.substring(0, name.indexOf('.')));
                ImageSample read = folder.read(i, null).orElseThrow();
                assertThat(read.label()).isEqualTo(idx.label(position));
                assertThat(read.chw()).containsExactly(idx.sample(position).chw());
            }
            assertThat(folder.skipped()).isZero();
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).as("no temporary folder left")
                    .noneMatch(n -> n.startsWith("."));
        }
    }

    @Test
    void exportedPngsReadBackWithTheIdxPixelValues() throws Exception {
        exportAndReadBack(FashionMnist.open(IdxFiles.fakeFashionMnist(dir.resolve("idx"), 40, 28)));
    }

    @Test
    @RealFashionMnist
    void exportOfTheInstalledDataSetReadsBackExactly() throws Exception {
        exportAndReadBack(FashionMnist.open(FashionMnist.DEFAULT_DIRECTORY));
    }

    @Test
    void oneSubsetAllClassesNamedByIndexPosition() throws Exception {
        FashionMnist data = FashionMnist.open(IdxFiles.fakeFashionMnist(dir.resolve("idx"), 25, 28));
        Path out = dir.resolve("out");

        FashionMnistExport.export(data, out, EnumSet.of(FashionMnist.Subset.TEST), 0, 0);

        assertThat(Files.exists(out.resolve("train"))).isFalse();
        ImageIndex val = ImageIndex.scanFolder(out.resolve("val"), ClassSubset.all(), 0);
        assertThat(val.classes()).isEqualTo(FashionMnist.FOLDER_NAMES);
        assertThat(val.classCounts()).containsExactly(3, 3, 3, 3, 3, 2, 2, 2, 2, 2);
        assertThat(val.entries().get(1).path().getFileName().toString()).isEqualTo("10.png");
    }

    @Test
    void anExistingNonEmptyFolderIsRefusedAndLeftAlone() throws Exception {
        FashionMnist data = FashionMnist.open(IdxFiles.fakeFashionMnist(dir.resolve("idx"), 10, 28));
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("keep.txt"), "mine");

        assertThatThrownBy(() -> FashionMnistExport.export(data, out, EnumSet.of(FashionMnist.Subset.TRAIN), 0, 0))
                .hasMessageContaining("already exists and is not an empty folder");
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.toList()).containsExactly(out.resolve("keep.txt"));
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(List.of("idx", "out"));
        }
    }
}
