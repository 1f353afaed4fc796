package org.cnnworkbench.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {

    @TempDir
    Path dir;

    private static byte[] images(int count, int rows, int cols) throws Exception {
        byte[] data = new byte[count * rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        return IdxFiles.bytes(IdxReader.IMAGES_MAGIC, new int[] {count, rows, cols}, data);
    }

    @ParameterizedTest(name = "gzip {0}")
    @ValueSource(booleans = {false, true})
    void readsImagesPlainOrGzipped(boolean gzip) throws Exception {
        Path file = IdxFiles.write(dir.resolve("images"), images(3, 4, 5), gzip);

        IdxFile idx = IdxReader.readImages(file);

        assertThat(idx.dims()).containsExactly(3, 4, 5);
        assertThat(idx.count()).isEqualTo(3);
        assertThat(idx.itemSize()).isEqualTo(20);
        assertThat(idx.unsigned(59)).isEqualTo((59 * 7) & 0xff);
    }

    @Test
    void readsLabelsAndKeepsTheFirstLimitItems() throws Exception {
        Path file = IdxFiles.write(dir.resolve("labels.gz"),
                IdxFiles.bytes(IdxReader.LABELS_MAGIC, new int[] {5}, new byte[] {9, 8, 7, 6, (byte) 255}), true);

        assertThat(IdxReader.readLabels(file).unsigned(4)).isEqualTo(255);
        IdxFile first2 = IdxReader.readLabels(file, 2);
        assertThat(first2.dims()).containsExactly(2);
        assertThat(first2.data()).containsExactly(9, 8);
    }

    @ParameterizedTest(name = "gzip {0}")
    @ValueSource(booleans = {false, true})
    void truncatedFileNamesTheByteOffset(boolean gzip) throws Exception {
        byte[] full = images(3, 4, 5);
        Path file = IdxFiles.write(dir.resolve("cut"), Arrays.copyOf(full, full.length - 7), gzip);

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("truncated")
                .hasMessageContaining("76 bytes in all")
                .hasMessageContaining("(at byte 69)")
                .satisfies(e -> assertThat(((IdxFormatException) e).offset()).isEqualTo(69));
    }

    @Test
    void truncatedHeaderIsReported() throws Exception {
        Path file = IdxFiles.write(dir.resolve("header"), Arrays.copyOf(images(3, 4, 5), 10), false);

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .hasMessageContaining("the file ends before dimension 1").hasMessageContaining("(at byte 8)");
    }

    @Test
    void labelFileReadAsImagesIsAClearError() throws Exception {
        Path file = IdxFiles.write(dir.resolve("labels"),
                IdxFiles.bytes(IdxReader.LABELS_MAGIC, new int[] {1}, new byte[] {3}), false);

        assertThatThrownBy(() -> IdxReader.readImages(file))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage(file + ": magic number 0x00000801 (1 dimensions), expected 0x00000803 (3 dimensions): "
                        + "is this a label file? (at byte 0)");
    }

    @Test
    void notAnIdxFileIsAClearError() throws Exception {
        Path file = dir.resolve("photo.png");
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});

        assertThatThrownBy(() -> IdxReader.readLabels(file))
                .hasMessageContaining("not an IDX file of unsigned bytes: magic number 0x89504e47");
    }

    @Test
    void trailingDataIsReported() throws Exception {
        byte[] full = images(1, 2, 2);
        Path file = IdxFiles.write(dir.resolve("long"), Arrays.copyOf(full, full.length + 3), false);

        assertThatThrownBy(() -> IdxReader.readImages(file)).hasMessageContaining("more data than the header promises");
    }

    @Test
    void corruptGzipIsReported() throws Exception {
        byte[] gz = Files.readAllBytes(IdxFiles.write(dir.resolve("ok.gz"), images(2, 3, 3), true));
        gz[12] ^= (byte) 0xff;
        gz[13] ^= (byte) 0xff;
        Path file = dir.resolve("bad.gz");
        Files.write(file, gz);

        assertThatThrownBy(() -> IdxReader.readImages(file)).isInstanceOf(IdxFormatException.class);
    }
}
