package org.cnnworkbench.engine.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressedModelFileTest {

    @TempDir
    Path dir;

    /** RAW, pruned float32, pruned + quantised and quantised dense tensors, with long runs of zeros. */
    static CompressedModel sampleModel(int size) {
        Random random = new Random(11);
        float[] bias = new float[8];
        for (int i = 0; i < bias.length; i++) {
            bias[i] = (float) random.nextGaussian();
        }
        bias[3] = Float.NaN;  // RAW keeps any bits
        float[] w = new float[size];
        for (int i = 0; i < size; i++) {
            w[i] = (float) random.nextGaussian();
        }
        boolean[] mask = MagnitudePruning.mask(w, 0.1);
        mask[size - 1] = false;
        Arrays.fill(mask, size / 3, size / 3 + Math.min(200, size / 2), false);  // overflows small gap widths
        float[] pruned = w.clone();
        for (int i = 0; i < size; i++) {
            if (!mask[i]) {
                pruned[i] = 0;
            }
        }
        float[] keptValues = new float[MagnitudePruning.count(mask)];
        for (int i = 0, k = 0; i < size; i++) {
            if (mask[i]) {
                keptValues[k++] = w[i];
            }
        }
        KMeans1D.Codebook cb = KMeans1D.cluster(keptValues, 4);
        float[] quantized = new float[size];
        for (int i = 0, k = 0; i < size; i++) {
            if (mask[i]) {
                quantized[i] = cb.centroids()[cb.assignment()[k++]];
            }
        }
        float[] dense = new float[64];
        KMeans1D.Codebook small = KMeans1D.cluster(Arrays.copyOf(w, 64), 2);
        for (int i = 0; i < 64; i++) {
            dense[i] = small.centroids()[small.assignment()[i]];
        }
        return new CompressedModel("{\"network\": \"tiny ✓\"}", List.of(
                Tensor.raw("conv1/b", new long[] {8}, bias),
                Tensor.of("conv1/W", new long[] {size / 4, 4}, pruned, mask, null),
                Tensor.of("fc/W", new long[] {size}, quantized, mask, cb.centroids()),
                Tensor.of("fc/W-fixedgaps", new long[] {size}, quantized, mask, cb.centroids()).withGapBits(3),
                Tensor.of("bn1/gamma", new long[] {4, 4, 4}, dense, null, small.centroids())));
    }

    @Test
    void everyKindOfTensorRoundTripsBitForBit() throws IOException {
        CompressedModel model = sampleModel(2000);
        for (CompressedModelFile.Options options
                : List.of(CompressedModelFile.Options.DEFAULT, CompressedModelFile.Options.FIXED_WIDTH)) {
            Path file = dir.resolve("model-" + options.huffman() + ".cwbz");
            CompressedModelFile.write(file, model, options);

            CompressedModel back = CompressedModelFile.read(file);

            assertThat(back.metadataJson()).isEqualTo(model.metadataJson());
            assertThat(back.tensors()).hasSameSizeAs(model.tensors());
            for (Tensor in : model.tensors()) {
                Tensor out = back.tensor(in.name());
                assertThat(out.shape()).containsExactly(in.shape());
                assertThat(out.encoding()).isEqualTo(in.encoding());
                assertThat(bits(out.values())).as(in.name()).containsExactly(bits(in.values()));
                assertThat(out.kept()).isEqualTo(in.kept());
                assertThat(out.codebook()).isEqualTo(in.codebook());
                assertThat(out.bits()).isEqualTo(in.bits());
            }
            assertThat(back.tensor("fc/W-fixedgaps").gapBits()).isEqualTo(3);
            assertThat(back.tensor("fc/W").gapBits()).isBetween(1, 16);
            assertThat(back.tensor("bn1/gamma").gapBits()).isZero();
        }
    }

    @Test
    void sizeBreakdownSumsToTheFileSize() throws IOException {
        CompressedModel model = sampleModel(3000);
        Path file = dir.resolve("model.cwbz");

        SizeBreakdown sizes = CompressedModelFile.write(file, model);

        assertThat(sizes.totalBytes()).isEqualTo(Files.size(file));
        assertThat(CompressedModelFile.encode(model, CompressedModelFile.Options.DEFAULT).bytes())
                .isEqualTo(Files.readAllBytes(file));
        SizeBreakdown fixed = CompressedModelFile.encode(model, CompressedModelFile.Options.FIXED_WIDTH).sizes();
        assertThat(fixed.totalBytes()).isGreaterThanOrEqualTo(sizes.totalBytes());
        assertThat(fixed.tensors()).noneMatch(t -> t.indexHuffman() || t.gapHuffman() || t.huffmanTableBytes() > 0);

        SizeBreakdown.TensorSize raw = sizes.tensors().get(0);
        assertThat(raw.rawBytes()).isEqualTo(32);
        assertThat(raw.structureBytes()).isEqualTo(2 + 7 + 1 + 4 + 1);
        SizeBreakdown.TensorSize fixedGaps = sizes.tensors().get(3);
        assertThat(fixedGaps.kept()).isEqualTo(MagnitudePruning.count(model.tensors().get(3).kept()));
        assertThat(fixedGaps.weights()).isEqualTo(3000);
        assertThat(fixedGaps.fillers()).isGreaterThanOrEqualTo(200 / 7);
        assertThat(fixedGaps.fillerGapBytes()).isPositive().isLessThan(fixedGaps.gapBytes());
        assertThat(fixedGaps.codebookBytes()).isEqualTo(4L * model.tensors().get(3).codebook().length);
        for (SizeBreakdown.TensorSize t : sizes.tensors()) {
            assertThat(CompressedModelFile.sizeOf(model.tensor(t.name()), CompressedModelFile.Options.DEFAULT))
                    .isEqualTo(t);
        }
    }

    @Test
    void fixedWidthStreamsTakeExactlyTheirBits() {
        boolean[] mask = new boolean[100];
        float[] values = new float[100];
        for (int i = 0; i < 100; i += 10) {
            mask[i] = true;
            values[i] = 0.5f;
        }
        Tensor t = Tensor.of("w", new long[] {100}, values, mask, new float[] {0.5f, -1f}).withGapBits(4);

        SizeBreakdown.TensorSize size = CompressedModelFile.sizeOf(t, CompressedModelFile.Options.FIXED_WIDTH);

        assertThat(size.bits()).isEqualTo(1);
        assertThat(size.indexBytes()).isEqualTo(2);   // 10 one-bit indices
        assertThat(size.gapBytes()).isEqualTo(5);     // 10 four-bit gaps (0, then 9 x 9)
        assertThat(size.fillers()).isZero();
        // name 2+1, rank 1, dim 4, encoding, flags, bits, gap bits 4, kept 4, gap count 4, k 4, 2 stream lengths
        assertThat(size.structureBytes()).isEqualTo(3 + 1 + 4 + 1 + 1 + 1 + 1 + 4 + 4 + 4 + 8);
    }

    @Test
    void valuesThatAreNotCodebookEntriesAreRefused() {
        Tensor t = Tensor.of("w", new long[] {2}, new float[] {0.5f, 0.25f}, null, new float[] {0.5f});

        assertThatThrownBy(() -> CompressedModelFile.encode(new CompressedModel("", List.of(t)),
                CompressedModelFile.Options.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a codebook entry");
    }

    @Test
    void everySingleByteFlipIsRefused() {
        byte[] good = CompressedModelFile.encode(sampleModel(120), CompressedModelFile.Options.DEFAULT).bytes();
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= (byte) (1 + (i % 255));
            int at = i;
            assertThatThrownBy(() -> CompressedModelFile.decode(bad, Path.of("m.cwbz")))
                    .as("flip at byte %d", at).isInstanceOf(CompressedFormatException.class);
        }
    }

    @Test
    void everyTruncationIsRefused() {
        byte[] good = CompressedModelFile.encode(sampleModel(120), CompressedModelFile.Options.DEFAULT).bytes();
        for (int length = 0; length < good.length; length++) {
            byte[] cut = Arrays.copyOf(good, length);
            int at = length;
            assertThatThrownBy(() -> CompressedModelFile.decode(cut, Path.of("m.cwbz")))
                    .as("cut at %d", at).isInstanceOf(CompressedFormatException.class)
                    .hasMessageContaining("truncated");
        }
    }

    @Test
    void aNewerVersionIsRefusedWithItsNumber() throws IOException {
        byte[] bytes = CompressedModelFile.encode(sampleModel(120), CompressedModelFile.Options.DEFAULT).bytes();
        bytes[5] = 2;
        resealChecksum(bytes);
        Path file = dir.resolve("newer.cwbz");
        Files.write(file, bytes);

        assertThatThrownBy(() -> CompressedModelFile.read(file)).isInstanceOf(CompressedFormatException.class)
                .hasMessage(file + ": written by a newer version of the workbench (format 2; this version reads 1)");
    }

    @Test
    void otherFilesAreNotCompressedModels() throws IOException {
        Path json = dir.resolve("net.json");
        Files.writeString(json, "{\"nodes\": []}");

        assertThatThrownBy(() -> CompressedModelFile.read(json)).isInstanceOf(CompressedFormatException.class)
                .hasMessageContaining("not a compressed model");
        assertThatThrownBy(() -> CompressedModelFile.read(dir)).isInstanceOf(CompressedFormatException.class)
                .hasMessageContaining("folder");
    }

    @Test
    void aForgedFileWithAValidChecksumIsStillChecked() {
        // a valid file whose codebook claims 2^16 entries: the bytes are not there
        Tensor t = Tensor.of("w", new long[] {4}, new float[] {1, 1, 0, 1}, new boolean[] {true, true, false, true},
                new float[] {1f});
        byte[] bytes = CompressedModelFile.encode(new CompressedModel("", List.of(t)),
                CompressedModelFile.Options.FIXED_WIDTH).bytes();
        int codebookSizeAt = indexOf(bytes, new byte[] {0, 0, 0, 1, 0x3f, (byte) 0x80, 0, 0});
        ByteBuffer.wrap(bytes, codebookSizeAt, 4).putInt(1 << 16);
        resealChecksum(bytes);

        assertThatThrownBy(() -> CompressedModelFile.decode(bytes, Path.of("forged.cwbz")))
                .isInstanceOf(CompressedFormatException.class).hasMessageContaining("outside 0..2");
    }

    @Test
    void aTensorNameWithControlCharactersIsShownEscapedSoThatTheMessageStaysOneLine() {
        // a name may hold any UTF-8; a forged rank after a name with a line break must still be one line
        Tensor t = Tensor.raw("conv1\nwarning: all fine\u001b[2J", new long[] {2}, new float[] {1, 2});
        byte[] bytes = CompressedModelFile.encode(new CompressedModel("", List.of(t)),
                CompressedModelFile.Options.DEFAULT).bytes();
        int rankAt = indexOf(bytes, "[2J".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + 3;
        bytes[rankAt] = 9;
        resealChecksum(bytes);

        assertThatThrownBy(() -> CompressedModelFile.decode(bytes, Path.of("forged.cwbz")))
                .isInstanceOf(CompressedFormatException.class)
                .hasMessageContaining("conv1\\u000awarning: all fine\\u001b[2J: rank 9 is outside 1..8")
                .hasMessageNotContaining("\n");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    static void resealChecksum(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes, bytes.length - 4, 4).putInt((int) crc.getValue());
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }
}
