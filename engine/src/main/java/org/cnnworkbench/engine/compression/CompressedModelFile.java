package org.cnnworkbench.engine.compression;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.cnnworkbench.engine.io.AtomicFiles;

/**
 * Writes and reads compressed-model files ({@code .cwbz}; byte layout in docs/compressed-format.md): metadata
 * JSON, then tensors stored RAW or SPARSE (relative indices with fillers, float32 or codebook-index values, each
 * symbol stream fixed-width or Huffman-coded, whichever is smaller), then a CRC-32.
 *
 * <pre>{@code
 * CompressedModel model = new CompressedModel(json, List.of(
 *         Tensor.of("conv1/W", shape, weights, mask, codebook),     // pruned + quantised
 *         Tensor.raw("conv1/b", new long[] {64}, bias)));
 * SizeBreakdown sizes = CompressedModelFile.write(path, model);   // parts sum to the file size
 * long withoutHuffman = CompressedModelFile.encode(model, Options.FIXED_WIDTH).sizes().totalBytes();
 * CompressedModel back = CompressedModelFile.read(path);          // CompressedFormatException if damaged
 * }</pre>
 */
public final class CompressedModelFile {

    /** The first four bytes of every file. */
    public static final String MAGIC = "CWBZ";
    /** The format version this class writes and the newest it reads. */
    public static final int VERSION = 1;
    /** The largest file read or written. */
    public static final long MAX_FILE_BYTES = 1L << 30;
    /** The largest metadata, uncompressed. */
    public static final int MAX_METADATA_BYTES = 32 << 20;
    /** The longest tensor name, in bytes of UTF-8. */
    public static final int MAX_NAME_BYTES = 1024;
    /** The most values all tensors of one file may decode to (2 GiB of float32). */
    public static final long MAX_TOTAL_WEIGHTS = 1L << 29;

    static final int HEADER_BYTES = 4 + 2 + 8 + 4 + 4 + 4;
    static final int CHECKSUM_BYTES = 4;
    private static final int MIN_TENSOR_BYTES = 2 + 1 + 1 + 4 + 1;

    private CompressedModelFile() {
    }

    /** Writer settings. */
    public record Options(boolean huffman) {
        /** Each stream Huffman-coded when that is smaller. */
        public static final Options DEFAULT = new Options(true);
        /** Every stream fixed-width: "prune + quantise" without Huffman coding. */
        public static final Options FIXED_WIDTH = new Options(false);
    }

    /** A model encoded in memory: the file's bytes and where they went. */
    public record Encoded(byte[] bytes, SizeBreakdown sizes) {
    }

    /** {@link #write(Path, CompressedModel, Options)} with {@link Options#DEFAULT}. */
    public static SizeBreakdown write(Path target, CompressedModel model) throws IOException {
        return write(target, model, Options.DEFAULT);
    }

    /**
     * Writes the model atomically (a temporary file beside {@code target}, flushed, then renamed).
     *
     * @throws IllegalArgumentException when the model breaks a rule of the format (a value that is not a
     *                                  codebook entry, a duplicate name, a limit)
     */
    public static SizeBreakdown write(Path target, CompressedModel model, Options options) throws IOException {
        Encoded encoded = encode(model, options);
        AtomicFiles.writeBytes(target, encoded.bytes());
        return encoded.sizes();
    }

    /** The file's bytes without writing them: for "size if written" of many candidate settings. */
    public static Encoded encode(CompressedModel model, Options options) {
        Set<String> names = new HashSet<>();
        long weights = 0;
        for (Tensor t : model.tensors()) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("two tensors are named \"" + t.name() + "\"");
            }
            weights += t.values().length;
        }
        if (weights > MAX_TOTAL_WEIGHTS) {
            throw new IllegalArgumentException("the model holds " + weights + " values; a file holds at most "
                    + MAX_TOTAL_WEIGHTS);
        }
        byte[] metadata = model.metadataJson().getBytes(StandardCharsets.UTF_8);
        if (metadata.length > MAX_METADATA_BYTES) {
            throw new IllegalArgumentException("the metadata takes " + metadata.length + " bytes; at most "
                    + MAX_METADATA_BYTES);
        }
        byte[] deflated = deflate(metadata);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        List<SizeBreakdown.TensorSize> sizes = new ArrayList<>();
        try {
            out.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
            out.writeShort(VERSION);
            out.writeLong(0);  // the file length, patched below
            out.writeInt(metadata.length);
            out.writeInt(deflated.length);
            out.write(deflated);
            out.writeInt(model.tensors().size());
            for (Tensor t : model.tensors()) {
                sizes.add(TensorCodec.encode(t, options.huffman(), bytes));
            }
            long total = (long) bytes.size() + CHECKSUM_BYTES;
            if (total > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("the file would take " + total + " bytes; at most "
                        + MAX_FILE_BYTES);
            }
            byte[] file = bytes.toByteArray();
            ByteBuffer.wrap(file, 6, 8).putLong(total);
            CRC32 crc = new CRC32();
            crc.update(file);
            ByteArrayOutputStream withCrc = new ByteArrayOutputStream(file.length + CHECKSUM_BYTES);
            DataOutputStream tail = new DataOutputStream(withCrc);
            tail.write(file);
            tail.writeInt((int) crc.getValue());
            return new Encoded(withCrc.toByteArray(),
                    new SizeBreakdown(HEADER_BYTES, deflated.length, sizes, CHECKSUM_BYTES));
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
    }

    /** One tensor's bytes as {@link #encode} would write them, without building the file. */
    public static SizeBreakdown.TensorSize sizeOf(Tensor tensor, Options options) {
        return TensorCodec.encode(tensor, options.huffman(), new ByteArrayOutputStream());
    }

    /**
     * Reads a file: every tensor dense, with its mask, codebook and widths.
     *
     * @throws CompressedFormatException when the file is not a compressed model, from a newer version, damaged,
     *                                   truncated, inconsistent or too large
     */
    public static CompressedModel read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new CompressedFormatException(file, "is a folder, not a compressed model");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new CompressedFormatException(file, "is not a regular file (a device or a pipe?)");
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new CompressedFormatException(file, "too large: " + Files.size(file) + " bytes; at most "
                        + MAX_FILE_BYTES);
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new CompressedFormatException(file, "too large: more than " + MAX_FILE_BYTES + " bytes");
        }
        return decode(bytes, file);
    }

    /** Decodes a whole file's bytes; {@code file} only names it in messages. */
    static CompressedModel decode(byte[] bytes, Path file) throws CompressedFormatException {
        byte[] magic = MAGIC.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < Math.min(magic.length, bytes.length); i++) {
            if (bytes[i] != magic[i]) {
                throw new CompressedFormatException(file, "not a compressed model (it does not start with "
                        + MAGIC + ")");
            }
        }
        if (bytes.length < HEADER_BYTES + CHECKSUM_BYTES) {
            if (bytes.length >= 6 && version(bytes) > VERSION) {
                throw newer(file, version(bytes));
            }
            throw new CompressedFormatException(file, "truncated: " + bytes.length + " bytes, shorter than a header");
        }
        int version = version(bytes);
        if (version > VERSION) {
            throw newer(file, version);
        }
        if (version < 1) {
            throw new CompressedFormatException(file, "unknown format version " + version);
        }
        long declared = ByteBuffer.wrap(bytes, 6, 8).getLong();
        if (declared > bytes.length) {
            throw new CompressedFormatException(file, "truncated: " + bytes.length + " of " + declared + " bytes");
        }
        if (declared < bytes.length) {
            throw new CompressedFormatException(file, "damaged: " + (bytes.length - declared)
                    + " bytes after the end of the model");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - CHECKSUM_BYTES);
        int stored = ByteBuffer.wrap(bytes, bytes.length - CHECKSUM_BYTES, CHECKSUM_BYTES).getInt();
        if ((int) crc.getValue() != stored) {
            throw new CompressedFormatException(file, "damaged: checksum mismatch");
        }

        ByteInput in = new ByteInput(bytes, 14, bytes.length - CHECKSUM_BYTES, file);
        int metadataLength = in.u32In(0, MAX_METADATA_BYTES, "metadata length");
        int deflatedLength = in.u32In(0, in.remaining(), "compressed metadata length");
        int deflatedAt = in.skip(deflatedLength, "metadata");
        String metadata = inflate(in, deflatedAt, deflatedLength, metadataLength);
        int count = in.u32In(0, in.remaining() / MIN_TENSOR_BYTES, "tensor count");
        List<Tensor> tensors = new ArrayList<>(count);
        Set<String> names = new HashSet<>();
        long budget = MAX_TOTAL_WEIGHTS;
        for (int i = 0; i < count; i++) {
            Tensor t = TensorCodec.decode(in, budget);
            if (!names.add(t.name())) {
                throw in.fail("two tensors are named \"" + TensorCodec.shown(t.name()) + "\"");
            }
            budget -= t.values().length;
            tensors.add(t);
        }
        if (in.remaining() != 0) {
            throw in.fail("damaged: " + in.remaining() + " unexplained bytes before the checksum");
        }
        return new CompressedModel(metadata, tensors);
    }

    private static int version(byte[] bytes) {
        return ((bytes[4] & 0xff) << 8) | (bytes[5] & 0xff);
    }

    private static CompressedFormatException newer(Path file, int version) {
        return new CompressedFormatException(file, "written by a newer version of the workbench (format " + version
                + "; this version reads " + VERSION + ")");
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static String inflate(ByteInput in, int at, int length, int expected) throws CompressedFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in.data(), at, length);
            byte[] out = new byte[expected];
            int n = 0;
            while (n < expected) {
                int got = inflater.inflate(out, n, expected - n);
                if (got == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            byte[] probe = new byte[1];
            if (n != expected || inflater.inflate(probe) != 0 || !inflater.finished()
                    || inflater.getRemaining() != 0) {
                throw in.fail("damaged: the metadata does not inflate to its " + expected + " bytes");
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out)).toString();
        } catch (DataFormatException e) {
            throw in.fail("damaged: the metadata is not valid Deflate data (" + e.getMessage() + ")");
        } catch (CharacterCodingException e) {
            throw in.fail("damaged: the metadata is not UTF-8");
        } finally {
            inflater.end();
        }
    }
}
