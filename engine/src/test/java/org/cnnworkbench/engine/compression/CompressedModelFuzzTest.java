package org.cnnworkbench.engine.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tag;
import org.cnnworkbench.engine.testing.FuzzCampaign;

/**
 * Real compressed-model files (RAW, sparse float32, sparse quantised with Huffman-coded and fixed-width streams,
 * quantised dense tensors), damaged by {@link CompressedFileMutator}: blindly (the checksum must catch it) and
 * forged with the length and CRC-32 recomputed, so that the parser meets forged counts, widths, codebook sizes,
 * Huffman tables, gap streams, names and nested lengths. Every file must read, with tensors that keep the
 * format's rules and survive a write and read, or end in a {@link CompressedFormatException} of one line that
 * names the file; never another exception, never a hang.
 */
@Tag("fuzz")
class CompressedModelFuzzTest {

    record Seed(String name, byte[] bytes, CompressedModel model) {
    }

    record Case(Seed seed, List<CompressedFileMutator.Mutation> mutations) {
        String describe() {
            return seed.name + " " + mutations.stream().map(CompressedFileMutator.Mutation::description).toList();
        }
    }

    static List<Seed> seeds() {
        CompressedModel model = CompressedModelFileTest.sampleModel(600);
        CompressedModel wide = new CompressedModel("{}", List.of(
                model.tensor("fc/W").withBits(16).withGapBits(16),
                model.tensor("conv1/W").withGapBits(1)));
        return List.of(seed("huffman", model, CompressedModelFile.Options.DEFAULT),
                seed("fixed-width", model, CompressedModelFile.Options.FIXED_WIDTH),
                seed("wide", wide, CompressedModelFile.Options.DEFAULT));
    }

    private static Seed seed(String name, CompressedModel model, CompressedModelFile.Options options) {
        byte[] bytes = CompressedModelFile.encode(model, options).bytes();
        try {
            return new Seed(name, bytes, CompressedModelFile.decode(bytes, Path.of(name + ".cwbz")));
        } catch (CompressedFormatException e) {
            throw new IllegalStateException("a seed does not read: " + e.getMessage(), e);
        }
    }

    static Arbitrary<Case> cases(List<Seed> seeds) {
        return Combinators.combine(Arbitraries.of(seeds),
                CompressedFileMutator.mutations().list().ofMinSize(1).ofMaxSize(3)).as(Case::new);
    }

    @Example
    void seedsHoldEveryKindOfTensorAndHuffmanTables() {
        List<Seed> seeds = seeds();
        assertThat(CompressedFileMutator.fields(seeds.get(0).bytes())).anyMatch(f -> f.name().endsWith("table form"));
        assertThat(CompressedFileMutator.fields(seeds.get(1).bytes())).noneMatch(f -> f.name().endsWith("table form"));
        assertThat(seeds.get(0).model().tensors()).extracting(Tensor::encoding)
                .contains(Tensor.Encoding.RAW, Tensor.Encoding.SPARSE);
    }

    @Example
    void noCompressedFileBreaksTheReader() throws Exception {
        Path dir = Files.createTempDirectory("cwbz-fuzz");
        List<Seed> seeds = seeds();
        int count = FuzzCampaign.cases(300);
        RandomGenerator<Case> generator = cases(seeds).generator(1000, true);
        Random random = new Random(FuzzCampaign.seed());
        FuzzCampaign campaign = new FuzzCampaign("compressed models");
        int forged = 0;
        for (int i = 0; i < count; i++) {
            Case c = generator.next(random).value();
            StringBuilder log = new StringBuilder();
            byte[] bytes = c.seed().bytes();
            boolean anyForged = false;
            for (CompressedFileMutator.Mutation m : c.mutations()) {
                bytes = m.applyTo(bytes, log);
                anyForged |= m.forged();
            }
            forged += anyForged ? 1 : 0;
            Path file = dir.resolve("case" + i + ".cwbz");
            Files.write(file, bytes);
            boolean sealed = anyForged;
            campaign.run("case " + i + " (fuzz.seed " + FuzzCampaign.seed() + "): " + c.describe() + ": " + log,
                    Duration.ofSeconds(20), () -> check(file, c.seed(), sealed));
            Files.delete(file);
        }
        Files.delete(dir);
        campaign.finish(" (" + forged + " forged)");
    }

    private static FuzzCampaign.Outcome check(Path file, Seed seed, boolean forged) throws IOException {
        CompressedModel model;
        try {
            model = CompressedModelFile.read(file);
        } catch (CompressedFormatException e) {
            assertThat(e.getMessage()).startsWith(file.toString()).doesNotContain("\n");
            return FuzzCampaign.Outcome.DIAGNOSED;
        }
        checkRules(model);
        if (!forged) {
            // a blind mutation that reads must have changed nothing the checksum covers
            assertSameValues(model, seed.model());
        }
        // what was read is a model the writer accepts and reads back bit for bit
        byte[] again = CompressedModelFile.encode(model, CompressedModelFile.Options.DEFAULT).bytes();
        assertSameValues(CompressedModelFile.decode(again, file), model);
        return FuzzCampaign.Outcome.ACCEPTED;
    }

    /** What every tensor read must keep: sizes, zeros where pruned, codebook values where quantised. */
    static void checkRules(CompressedModel model) {
        Set<String> names = new HashSet<>();
        long total = 0;
        for (Tensor t : model.tensors()) {
            assertThat(names.add(t.name())).as("unique name " + t.name()).isTrue();
            assertThat(t.values()).hasSize((int) Tensor.count(t.shape()));
            total += t.values().length;
            Set<Integer> entries = new HashSet<>();
            if (t.codebook() != null) {
                for (float c : t.codebook()) {
                    entries.add(Float.floatToRawIntBits(c));
                }
            }
            for (int i = 0; i < t.values().length; i++) {
                int bits = Float.floatToRawIntBits(t.values()[i]);
                if (!t.isKept(i)) {
                    assertThat(bits).as(t.name() + " pruned value " + i).isZero();
                } else if (t.codebook() != null) {
                    assertThat(entries).as(t.name() + " value " + i + " from the codebook").contains(bits);
                }
            }
        }
        assertThat(total).isLessThanOrEqualTo(CompressedModelFile.MAX_TOTAL_WEIGHTS);
    }

    static void assertSameValues(CompressedModel actual, CompressedModel expected) {
        assertThat(actual.metadataJson()).isEqualTo(expected.metadataJson());
        assertThat(actual.tensors()).hasSameSizeAs(expected.tensors());
        for (int i = 0; i < expected.tensors().size(); i++) {
            Tensor a = actual.tensors().get(i);
            Tensor e = expected.tensors().get(i);
            assertThat(a.name()).isEqualTo(e.name());
            assertThat(a.shape()).containsExactly(e.shape());
            assertThat(a.values().length).isEqualTo(e.values().length);
            for (int j = 0; j < e.values().length; j++) {
                if (Float.floatToRawIntBits(a.values()[j]) != Float.floatToRawIntBits(e.values()[j])) {
                    throw new AssertionError(e.name() + " value " + j + " reads as " + a.values()[j] + ", was "
                            + e.values()[j]);
                }
            }
        }
    }
}
