package org.cnnworkbench.engine.compression;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Mutations of compressed-model files ({@code .cwbz}, docs/compressed-format.md) for the fuzz harnesses: blind
 * ones (bits flipped, truncated, bytes inserted or deleted, header lengths overwritten), which the checksum
 * catches, and forged ones, after which the file length and the CRC-32 are made right again so that the parser
 * itself meets the damage: counts, dimensions, widths, codebook sizes and stream lengths set to edge values,
 * Huffman code lengths that break Kraft's inequality, gap streams of fillers running past the tensor, names of
 * odd bytes or of another tensor, bytes inserted into or cut out of the body.
 *
 * <p>Forged mutations find their fields with {@link #fields}, a walk over the file as the format describes it
 * that stops quietly where a file no longer makes sense (a mutation may come after another).
 */
public final class CompressedFileMutator {

    private CompressedFileMutator() {
    }

    /** A span of the file: a number ({@code width} 1, 2, 4 or 8 bytes) or a region of bytes. */
    public record Field(String name, int at, int width, boolean number) {
    }

    /** One mutation: {@code apply} returns new bytes and appends what it did to the log. */
    public record Mutation(String description, boolean forged, Apply apply) {
        public byte[] applyTo(byte[] bytes, StringBuilder log) {
            byte[] out = apply.apply(bytes.clone(), log);
            return forged ? seal(out) : out;
        }
    }

    /** The body of a mutation. */
    public interface Apply {
        byte[] apply(byte[] bytes, StringBuilder log);
    }

    /** Blind mutations (one in three) and forged ones with the length and checksum recomputed. */
    public static Arbitrary<Mutation> mutations() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, blind()),
                net.jqwik.api.Tuple.of(2, forged()));
    }

    static Arbitrary<Mutation> blind() {
        Arbitrary<Long> seeds = Arbitraries.longs();
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers().between(1, 8), seeds).as((n, s) -> new Mutation(
                        "flip " + n + " bits (seed " + s + ")", false, (b, log) -> flipBits(b, n, new Random(s)))),
                Arbitraries.doubles().between(0, 1).map(f -> new Mutation(String.format("truncate to %.3f", f), false,
                        (b, log) -> Arrays.copyOf(b, (int) (b.length * f)))),
                Combinators.combine(Arbitraries.integers().between(1, 64), seeds).as((n, s) -> new Mutation(
                        "insert " + n + " bytes (seed " + s + ")", false, (b, log) -> insert(b, n, new Random(s)))),
                Combinators.combine(Arbitraries.integers().between(1, 64), seeds).as((n, s) -> new Mutation(
                        "delete " + n + " bytes (seed " + s + ")", false, (b, log) -> delete(b, n, new Random(s)))),
                Combinators.combine(Arbitraries.of(6, 14, 18), edgeValues()).as((at, v) -> new Mutation(
                        "overwrite the header field at byte " + at + " with " + v, false,
                        (b, log) -> put(b, new Field("header", at, at == 6 ? 8 : 4, true), v))));
    }

    static Arbitrary<Mutation> forged() {
        Arbitrary<Long> seeds = Arbitraries.longs();
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Combinators.combine(edgeValues(), seeds).as((v, s) -> new Mutation(
                        "forge a number field := " + v + " (seed " + s + ")", true,
                        (b, log) -> setNumber(b, v, new Random(s), log)))),
                net.jqwik.api.Tuple.of(3, Combinators.combine(Arbitraries.of(0x00, 0xff, 0x01, 0x18, 0x19, 0x80, -1),
                        seeds).as((fill, s) -> new Mutation("forge a region filled with "
                        + (fill < 0 ? "random bytes" : "0x" + Integer.toHexString(fill)) + " (seed " + s + ")", true,
                        (b, log) -> fillRegion(b, fill, new Random(s), log)))),
                net.jqwik.api.Tuple.of(2, seeds.map(s -> new Mutation("forge Huffman code lengths (seed " + s + ")",
                        true, (b, log) -> codeLengths(b, new Random(s), log)))),
                net.jqwik.api.Tuple.of(1, seeds.map(s -> new Mutation("forge a name of odd bytes (seed " + s + ")",
                        true, (b, log) -> oddName(b, new Random(s), log)))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Mutation("forge a duplicate tensor name", true,
                        CompressedFileMutator::duplicateName))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.integers().between(1, 40), seeds).as(
                        (n, s) -> new Mutation("forge: insert " + n + " bytes at a field (seed " + s + ")", true,
                                (b, log) -> insertAtField(b, n, new Random(s), log)))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.integers().between(1, 40), seeds).as(
                        (n, s) -> new Mutation("forge: delete " + n + " bytes at a field (seed " + s + ")", true,
                                (b, log) -> deleteAtField(b, n, new Random(s), log)))),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.integers().between(1, 8), seeds).as(
                        (n, s) -> new Mutation("forge: flip " + n + " bits (seed " + s + ")", true,
                                (b, log) -> flipBits(b, n, new Random(s))))));
    }

    /** Edge values for number fields; {@code null} means "the field's own value plus or minus one". */
    static Arbitrary<Long> edgeValues() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(0L, 1L, 2L, 3L, 7L, 8L, 15L, 16L, 17L, 24L, 25L, 31L, 32L,
                        33L, 255L, 256L, 1024L, 1025L, 65_535L, 65_536L, 1L << 20, 1L << 24, (1L << 29) + 1,
                        0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL, -1L, Long.MIN_VALUE, Long.MAX_VALUE)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(-3, 3).map(d -> Long.MIN_VALUE + 100 + d)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 0xffff_ffffL)));
    }

    /**
     * The fields of a file, as far as they can be found: header lengths, then per tensor its name, rank,
     * dimensions, encoding, flags, widths, counts, codebook, tables and streams.
     */
    public static List<Field> fields(byte[] b) {
        List<Field> out = new ArrayList<>();
        try {
            ByteBuffer buf = ByteBuffer.wrap(b);
            out.add(new Field("file length", 6, 8, true));
            out.add(new Field("metadata length", 14, 4, true));
            out.add(new Field("compressed metadata length", 18, 4, true));
            int deflated = buf.getInt(18);
            out.add(new Field("metadata", 22, deflated, false));
            int p = 22 + deflated;
            out.add(new Field("tensor count", p, 4, true));
            long count = buf.getInt(p) & 0xffff_ffffL;
            p += 4;
            for (long t = 0; t < count && p < b.length - 4; t++) {
                out.add(new Field("name length", p, 2, true));
                int nameLength = buf.getShort(p) & 0xffff;
                out.add(new Field("name", p + 2, nameLength, false));
                p += 2 + nameLength;
                out.add(new Field("rank", p, 1, true));
                int rank = b[p++] & 0xff;
                long n = 1;
                for (int i = 0; i < rank && i < 8; i++) {
                    out.add(new Field("dimension", p, 4, true));
                    n *= buf.getInt(p) & 0xffff_ffffL;
                    p += 4;
                }
                out.add(new Field("encoding", p, 1, true));
                int encoding = b[p++];
                if (encoding == 0) {
                    out.add(new Field("raw values", p, (int) Math.min(4 * n, b.length - p), false));
                    p += 4 * n;
                    continue;
                }
                int flags = b[p];
                int bits = b[p + 1] & 0xff;
                out.add(new Field("flags", p, 1, true));
                out.add(new Field("bits", p + 1, 1, true));
                out.add(new Field("gap bits", p + 2, 1, true));
                out.add(new Field("kept count", p + 3, 4, true));
                int kept = buf.getInt(p + 3);
                p += 7;
                if ((flags & 1) != 0) {
                    out.add(new Field("gap symbol count", p, 4, true));
                    p += 4;
                }
                if (bits == 32) {
                    out.add(new Field("kept values", p, (int) Math.min(4L * kept, b.length - p), false));
                    p += 4 * kept;
                } else {
                    out.add(new Field("codebook size", p, 4, true));
                    int k = buf.getInt(p);
                    out.add(new Field("codebook", p + 4, (int) Math.min(4L * k, b.length - p - 4), false));
                    p += 4 + 4 * k;
                    p = stream(buf, p, (flags & 2) != 0, "weight indices", out);
                }
                if ((flags & 1) != 0) {
                    p = stream(buf, p, (flags & 4) != 0, "gaps", out);
                }
            }
        } catch (RuntimeException stop) {
            // a file no longer laid out as the format says: the fields found so far
        }
        out.removeIf(f -> f.at < 0 || f.width <= 0 || f.at + f.width > b.length);
        return out;
    }

    private static int stream(ByteBuffer buf, int p, boolean huffman, String what, List<Field> out) {
        if (huffman) {
            out.add(new Field(what + " table form", p, 1, true));
            int form = buf.get(p);
            out.add(new Field(what + " table size", p + 1, 4, true));
            int n = buf.getInt(p + 1);
            int bytes = form == 0 ? n : 3 * n;
            out.add(new Field(what + (form == 0 ? " code lengths" : " table entries"), p + 5, bytes, false));
            p += 5 + bytes;
        }
        out.add(new Field(what + " byte length", p, 4, true));
        int length = buf.getInt(p);
        out.add(new Field(what + " stream", p + 4, length, false));
        return p + 4 + length;
    }

    /** The file with its length field and CRC-32 made right for its bytes (if it is long enough to hold them). */
    public static byte[] seal(byte[] b) {
        if (b.length < CompressedModelFile.HEADER_BYTES + CompressedModelFile.CHECKSUM_BYTES) {
            return b;
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        buf.putLong(6, b.length);
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 4);
        buf.putInt(b.length - 4, (int) crc.getValue());
        return b;
    }

    private static byte[] put(byte[] b, Field f, long value) {
        if (f.at + f.width > b.length) {
            return b;
        }
        for (int i = 0; i < f.width; i++) {
            b[f.at + i] = (byte) (value >>> (8 * (f.width - 1 - i)));
        }
        return b;
    }

    private static long get(byte[] b, Field f) {
        long v = 0;
        for (int i = 0; i < f.width; i++) {
            v = (v << 8) | (b[f.at + i] & 0xff);
        }
        return v;
    }

    private static Field pick(List<Field> fields, boolean number, Random r) {
        List<Field> matching = fields.stream().filter(f -> f.number == number).toList();
        return matching.isEmpty() ? null : matching.get(r.nextInt(matching.size()));
    }

    private static byte[] setNumber(byte[] b, long value, Random r, StringBuilder log) {
        Field f = pick(fields(b), true, r);
        if (f == null) {
            return b;
        }
        long v = value > Long.MIN_VALUE + 90 && value < Long.MIN_VALUE + 110 ? get(b, f) + (value - Long.MIN_VALUE
                - 100) : value;
        log.append("set ").append(f.name).append(" at byte ").append(f.at).append(" from ").append(get(b, f))
                .append(" to ").append(v).append("; ");
        return put(b, f, v);
    }

    private static byte[] fillRegion(byte[] b, int fill, Random r, StringBuilder log) {
        Field f = pick(fields(b), false, r);
        if (f == null) {
            return b;
        }
        int from = f.at + (f.width > 1 ? r.nextInt(f.width) : 0);
        int to = r.nextBoolean() ? f.at + f.width : Math.min(f.at + f.width, from + 1 + r.nextInt(8));
        log.append("fill ").append(f.name).append(" bytes ").append(from).append("..").append(to).append("; ");
        for (int i = from; i < to; i++) {
            b[i] = (byte) (fill < 0 ? r.nextInt(256) : fill);
        }
        return b;
    }

    private static byte[] codeLengths(byte[] b, Random r, StringBuilder log) {
        List<Field> tables = fields(b).stream().filter(f -> f.name.endsWith("code lengths")
                || f.name.endsWith("table entries")).toList();
        if (tables.isEmpty()) {
            return b;
        }
        Field f = tables.get(r.nextInt(tables.size()));
        int choice = r.nextInt(4);
        log.append(switch (choice) {
            case 0 -> "every code length 1 (Kraft sum above 1) in ";
            case 1 -> "one code length shortened in ";
            case 2 -> "code lengths 24/25 in ";
            default -> "code lengths zeroed in ";
        }).append(f.name).append("; ");
        boolean dense = f.name.endsWith("code lengths");
        for (int i = dense ? 0 : 2; i < f.width; i += dense ? 1 : 3) {
            int at = f.at + i;
            switch (choice) {
                case 0 -> b[at] = 1;
                case 1 -> {
                    if (b[at] > 1 && r.nextInt(3) == 0) {
                        b[at]--;
                    }
                }
                case 2 -> b[at] = (byte) (r.nextBoolean() ? 24 : 25);
                default -> b[at] = r.nextBoolean() ? 0 : b[at];
            }
        }
        return b;
    }

    private static byte[] oddName(byte[] b, Random r, StringBuilder log) {
        List<Field> names = fields(b).stream().filter(f -> f.name.equals("name")).toList();
        if (names.isEmpty()) {
            return b;
        }
        Field f = names.get(r.nextInt(names.size()));
        byte[][] odd = {{0}, {(byte) 0xc3}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xff}, {'/'},
                {(byte) 0xe2, (byte) 0x9c, (byte) 0x93}, {'\n'}, {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80}};
        byte[] pattern = odd[r.nextInt(odd.length)];
        int at = f.at + r.nextInt(f.width);
        log.append("name bytes from ").append(at).append(" := ").append(Arrays.toString(pattern)).append("; ");
        for (int i = 0; i < pattern.length && at + i < f.at + f.width; i++) {
            b[at + i] = pattern[i];
        }
        return b;
    }

    private static byte[] duplicateName(byte[] b, StringBuilder log) {
        List<Field> names = fields(b).stream().filter(f -> f.name.equals("name")).toList();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                if (names.get(i).width == names.get(j).width) {
                    System.arraycopy(b, names.get(i).at, b, names.get(j).at, names.get(i).width);
                    log.append("name at ").append(names.get(j).at).append(" := name at ").append(names.get(i).at)
                            .append("; ");
                    return b;
                }
            }
        }
        return b;
    }

    private static byte[] insertAtField(byte[] b, int n, Random r, StringBuilder log) {
        List<Field> fields = fields(b);
        if (fields.isEmpty()) {
            return b;
        }
        Field f = fields.get(r.nextInt(fields.size()));
        log.append("insert ").append(n).append(" bytes before ").append(f.name).append("; ");
        byte[] filler = new byte[n];
        r.nextBytes(filler);
        byte[] out = new byte[b.length + n];
        System.arraycopy(b, 0, out, 0, f.at);
        System.arraycopy(filler, 0, out, f.at, n);
        System.arraycopy(b, f.at, out, f.at + n, b.length - f.at);
        return out;
    }

    private static byte[] deleteAtField(byte[] b, int n, Random r, StringBuilder log) {
        List<Field> fields = fields(b);
        if (fields.isEmpty()) {
            return b;
        }
        Field f = fields.get(r.nextInt(fields.size()));
        int end = Math.min(b.length - 4, f.at + n);
        if (end <= f.at) {
            return b;
        }
        log.append("delete bytes ").append(f.at).append("..").append(end).append(" (").append(f.name).append("); ");
        byte[] out = new byte[b.length - (end - f.at)];
        System.arraycopy(b, 0, out, 0, f.at);
        System.arraycopy(b, end, out, f.at, b.length - end);
        return out;
    }

    private static byte[] flipBits(byte[] b, int n, Random r) {
        for (int i = 0; i < n && b.length > 0; i++) {
            b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
    }

    private static byte[] insert(byte[] b, int n, Random r) {
        int at = r.nextInt(b.length + 1);
        byte[] out = new byte[b.length + n];
        System.arraycopy(b, 0, out, 0, at);
        for (int i = 0; i < n; i++) {
            out[at + i] = (byte) r.nextInt(256);
        }
        System.arraycopy(b, at, out, at + n, b.length - at);
        return out;
    }

    private static byte[] delete(byte[] b, int n, Random r) {
        if (b.length == 0) {
            return b;
        }
        int at = r.nextInt(b.length);
        int end = Math.min(b.length, at + n);
        byte[] out = new byte[b.length - (end - at)];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, end, out, at, b.length - end);
        return out;
    }
}
