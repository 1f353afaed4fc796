package org.cnnworkbench.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tuple;
import org.cnnworkbench.engine.testing.FuzzCampaign;
import net.jqwik.api.Example;
import net.jqwik.api.Tag;

/**
 * Real JPEG and PNG files, damaged: truncated, bytes flipped or overwritten, emptied, replaced by garbage with an
 * image's first bytes, given headers that announce up to 2^31 x 2^31 pixels. Every file must be decoded or
 * skipped with a one-line reason by {@link ImageDecoder} and by {@link ImageFolderDataset} (centre crop and
 * training crop), never throw, never take more than a few hundred MB, never hang.
 */
@Tag("fuzz")
class ImageFuzzTest {

    /**
     * What one decoding and preparing may allocate: an image at the 50-megapixel limit at 8 bytes a pixel, plus
     * slack. ImageIO's JPEG decoder allocates the raster and a colour-converted copy (up to about 6 bytes a
     * pixel for a forged 47-megapixel frame, measured), so this is tied to the limit, not to what a header
     * claims: a 100,000 x 100,000 header would need 30 GB.
     */
    private static final long MAX_ALLOCATION = 8 * ImageDecoder.MAX_PIXELS + (96L << 20);

    record Seed(String name, byte[] bytes) {
    }

    record Mutation(String description, UnaryOperator<byte[]> apply) {
    }

    record Case(Seed seed, List<Mutation> mutations, String extension, int channels, boolean training) {
        String describe() {
            return seed.name + " " + mutations.stream().map(Mutation::description).toList() + " as ." + extension
                    + ", " + channels + " channels, " + (training ? "training crop" : "centre crop");
        }
    }

    static List<Seed> seeds() {
        BufferedImage rgb = ImageBytes.pattern(40, 30, BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage grey = ImageBytes.pattern(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage grey16 = ImageBytes.pattern(20, 24, BufferedImage.TYPE_USHORT_GRAY);
        BufferedImage indexed = ImageBytes.pattern(33, 17, BufferedImage.TYPE_BYTE_INDEXED);
        return List.of(new Seed("rgb.jpg", ImageBytes.encode(rgb, "jpg")),
                new Seed("grey.jpg", ImageBytes.encode(grey, "jpg")),
                new Seed("rgb.png", ImageBytes.encode(rgb, "png")),
                new Seed("grey.png", ImageBytes.encode(grey, "png")),
                new Seed("grey16.png", ImageBytes.encode(grey16, "png")),
                new Seed("indexed.png", ImageBytes.encode(indexed, "png")));
    }

    /** Image sides: small ones, huge ones, 0 and the int extremes. */
    static Arbitrary<Long> sides() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(1, 300)),
                Tuple.of(3, Arbitraries.longs().between(7_072, 0xffff_ffffL)),
                Tuple.of(1, Arbitraries.of(0L, 100_000L, 65_535L, 0x7fff_ffffL, 0x8000_0000L,
                        0xffff_ffffL)));
    }

    static Arbitrary<Mutation> mutations() {
        Arbitrary<Long> seeds = Arbitraries.longs();
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(0, 1).map(f -> new Mutation(String.format("truncate to %.3f", f),
                        b -> ImageBytes.truncate(b, (int) (b.length * f)))),
                Combinators.combine(Arbitraries.integers().between(1, 16), seeds).as((n, s) ->
                        new Mutation("flip " + n + " bytes (seed " + s + ")", b -> flip(b, n, s))),
                Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(1, 512),
                        seeds).as((at, len, s) -> new Mutation(String.format("overwrite %d bytes at %.3f (seed %d)",
                        len, at, s), b -> overwrite(b, (int) (b.length * at), len, s))),
                Arbitraries.just(new Mutation("empty", b -> new byte[0])),
                Combinators.combine(Arbitraries.of("", "png", "jpeg"), Arbitraries.integers().between(0, 4096), seeds)
                        .as((prefix, len, s) -> new Mutation("garbage of " + len + " bytes after '" + prefix + "' (seed "
                                + s + ")", b -> garbage(prefix, len, s))),
                Combinators.combine(sides(), sides()).as((w, h) -> new Mutation("PNG header " + w + " x " + h,
                        b -> ImageBytes.withPngSize(b, w, h))),
                Combinators.combine(sides(), sides()).as((w, h) -> new Mutation("PNG header only " + w + " x " + h,
                        b -> ImageBytes.pngHeaderOnly(w, h))),
                Combinators.combine(Arbitraries.integers().between(0, 65_535), Arbitraries.integers()
                        .between(0, 65_535)).as((w, h) -> new Mutation("JPEG frame " + w + " x " + h,
                        b -> ImageBytes.withJpegSize(b, w, h))),
                Combinators.combine(Arbitraries.integers().between(1, 2048), seeds).as((len, s) ->
                        new Mutation("append " + len + " bytes (seed " + s + ")", b -> concat(b, garbage("", len, s)))));
    }

    static Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.of(seeds()), mutations().list().ofMinSize(0).ofMaxSize(3),
                Arbitraries.of("png", "jpg", "jpeg", "PNG", "JPEG"), Arbitraries.of(1, 3), Arbitraries.of(true, false))
                .as(Case::new);
    }

    /**
     * A jqwik example, so that the generators run in jqwik's context, with the number of cases from
     * {@code fuzz.cases} rather than a fixed {@code tries}.
     */
    @Example
    void noImageFileBreaksDecodingOrPreparation() throws Exception {
        Path dir = Files.createTempDirectory("image-fuzz");
        int count = FuzzCampaign.cases(200);
        RandomGenerator<Case> generator = cases().generator(1000, true);
        Random random = new Random(FuzzCampaign.seed());
        FuzzCampaign campaign = new FuzzCampaign("images");
        for (int i = 0; i < count; i++) {
            Case c = generator.next(random).value();
            Path file = dir.resolve("case" + i + "." + c.extension());
            byte[] bytes = c.seed().bytes();
            for (Mutation m : c.mutations()) {
                bytes = m.apply().apply(bytes);
            }
            Files.write(file, bytes);
            campaign.run("case " + i + " (fuzz.seed " + FuzzCampaign.seed() + "): " + c.describe(),
                    Duration.ofSeconds(20), () -> check(file, c));
            Files.delete(file);
        }
        Files.delete(dir);
        campaign.finish();
    }

    private static FuzzCampaign.Outcome check(Path file, Case c) {
        long before = ImageDecoderTest.allocatedBytes();
        ImageDecoder.Result decoded = ImageDecoder.decode(file);
        long decoding = ImageDecoderTest.allocatedBytes() - before;
        assertThat(decoding).as("bytes allocated decoding").isLessThan(MAX_ALLOCATION);
        before = ImageDecoderTest.allocatedBytes();
        ImagePipeline pipeline = new ImagePipeline(c.channels(), 28, 28, ImagePipeline.DEFAULT_TRAIN_SCALE, null);
        ImageFolderDataset set = new ImageFolderDataset(new ImageIndex(List.of("c"),
                List.of(new ImageEntry(file, 0))), pipeline);
        var sample = set.read(0, c.training() ? new Random(7) : null);
        long allocated = ImageDecoderTest.allocatedBytes() - before;

        assertThat(allocated).as("bytes allocated decoding and preparing").isLessThan(MAX_ALLOCATION);
        if (decoded.image().isPresent()) {
            BufferedImage image = decoded.decoded();
            assertThat((long) image.getWidth() * image.getHeight()).isLessThanOrEqualTo(ImageDecoder.MAX_PIXELS);
            assertThat(decoded.problem()).isNull();
        } else {
            assertThat(decoded.problem()).isNotBlank().doesNotContain("\n");
            assertThat(sample).isEmpty();
        }
        if (sample.isPresent()) {
            float[] chw = sample.get().chw();
            assertThat(chw).hasSize(c.channels() * 28 * 28);
            for (float v : chw) {
                assertThat(v).isBetween(0f, 1f);
            }
            assertThat(set.skipped()).isZero();
            return FuzzCampaign.Outcome.ACCEPTED;
        }
        assertThat(set.skipped()).isEqualTo(1);
        assertThat(set.warning()).get().asString().contains(file.toString()).doesNotContain("\n");
        return FuzzCampaign.Outcome.DIAGNOSED;
    }

    private static byte[] flip(byte[] b, int n, long seed) {
        byte[] out = b.clone();
        Random r = new Random(seed);
        for (int i = 0; i < n && out.length > 0; i++) {
            out[r.nextInt(out.length)] ^= (byte) (1 + r.nextInt(255));
        }
        return out;
    }

    private static byte[] overwrite(byte[] b, int at, int len, long seed) {
        byte[] out = b.clone();
        Random r = new Random(seed);
        for (int i = at; i < Math.min(out.length, at + len); i++) {
            out[i] = (byte) r.nextInt(256);
        }
        return out;
    }

    private static byte[] garbage(String prefix, int len, long seed) {
        byte[] head = switch (prefix) {
            case "png" -> ImageBytes.PNG_SIGNATURE;
            case "jpeg" -> new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
            default -> new byte[0];
        };
        byte[] tail = new byte[len];
        new Random(seed).nextBytes(tail);
        return concat(head, tail);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
