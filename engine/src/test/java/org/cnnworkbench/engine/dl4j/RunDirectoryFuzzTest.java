package org.cnnworkbench.engine.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tag;
import org.cnnworkbench.engine.testing.FuzzCampaign;

/**
 * A real run directory (trained once), copied and damaged in one to three files per case: deleted, emptied,
 * truncated, bytes flipped, replaced by garbage or by JSON of another shape, JSON values replaced, metrics rows
 * garbled or torn, the checkpoint pointer bent, model zips swapped. Every case reads the run as {@code runs}
 * does; every third loads it for inference and every sixth resumes it for one batch. Each ends in a result or
 * an IOException of one line, never another exception or a hang; a failed resume changes no file, and no
 * resume loses a checkpoint that was intact before it.
 */
@Tag("fuzz")
class RunDirectoryFuzzTest {

    private static final List<String> FILES = List.of("config.json", "summary.json", "data.json", "metrics.csv",
            "spec.json", "latest-checkpoint", "model.zip", "checkpoint-epoch-1.zip", "checkpoint-epoch-2.zip");

    record Damage(String file, String description, Mutator apply) {
    }

    interface Mutator {
        /** Damages {@code file} (which may not exist); {@code run} is its directory. */
        void apply(Path run, Path file) throws IOException;
    }

    static Arbitrary<String> jsonValues() {
        return Arbitraries.of("0", "-1", "2147483648", "1e400", "-1e400", "0.5", "\"NaN\"", "\"Infinity\"", "null",
                "\"text\"", "[]", "{}", "[1, 2]", "true", "\"\"", "99999999999999999999");
    }

    static Arbitrary<Damage> damages() {
        Arbitrary<String> files = Arbitraries.of(FILES);
        Arbitrary<Long> seeds = Arbitraries.longs();
        return Arbitraries.oneOf(
                files.map(f -> new Damage(f, "delete", (run, file) -> Files.deleteIfExists(file))),
                files.map(f -> new Damage(f, "empty", (run, file) -> Files.write(file, new byte[0]))),
                Combinators.combine(files, Arbitraries.doubles().between(0, 1)).as((f, x) -> new Damage(f,
                        String.format("truncate to %.3f", x), (run, file) -> {
                            byte[] b = read(file);
                            Files.write(file, Arrays.copyOf(b, (int) (b.length * x)));
                        })),
                Combinators.combine(files, Arbitraries.integers().between(1, 8), seeds).as((f, n, s) ->
                        new Damage(f, "flip " + n + " bytes (seed " + s + ")", (run, file) -> {
                            byte[] b = read(file);
                            Random r = new Random(s);
                            for (int i = 0; i < n && b.length > 0; i++) {
                                b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
                            }
                            Files.write(file, b);
                        })),
                Combinators.combine(files, Arbitraries.integers().between(1, 3000), seeds).as((f, n, s) ->
                        new Damage(f, n + " random bytes (seed " + s + ")", (run, file) -> {
                            byte[] b = new byte[n];
                            new Random(s).nextBytes(b);
                            Files.write(file, b);
                        })),
                Combinators.combine(files, Arbitraries.of("null", "[]", "{}", "42", "\"x\"", "{\"a\":", "[[[[[[[[",
                        "{\"epochs\": 3}", "\ufeff{}", "{\"status\": \"RUNNING\"}")).as((f, text) ->
                        new Damage(f, "replace by " + text, (run, file) -> Files.writeString(file, text))),
                Combinators.combine(Arbitraries.of("config.json", "summary.json", "data.json"),
                        Arbitraries.integers().between(0, 40), jsonValues()).as((f, k, value) -> new Damage(f,
                        "value " + k + " := " + value, (run, file) -> Files.writeString(file,
                                replaceValue(text(file), k, value)))),
                Combinators.combine(Arbitraries.of("checkpoint-epoch-7.zip", "checkpoint-epoch-99999999999.zip",
                        "checkpoint-epoch-0.zip", "checkpoint-epoch-1.zip", "", "model.zip", "checkpoint-epoch--1.zip"),
                        Arbitraries.just("latest-checkpoint")).as((text, f) -> new Damage(f, "point to '" + text + "'",
                        (run, file) -> Files.writeString(file, text + "\n"))),
                Arbitraries.of("1,2,3", "x,0.1,0.1,0.1,0.1,1,1", "2,a,b,c,d,e,f", "0,1,1,1,1,1,1", "3",
                        "\"2\",\"0.5\",\"0.5\",\"0.1\",\"0.5\",\"10\",\"1\"", "epoch,loss", "4,NaN,NaN,NaN,NaN,0,0")
                        .map(line -> new Damage("metrics.csv", "add line '" + line + "'", (run, file) ->
                                Files.writeString(file, text(file) + line + (line.length() % 2 == 0
                                        ? "\n" : "")))),
                Arbitraries.of("model.zip", "checkpoint-epoch-1.zip", "checkpoint-epoch-2.zip").map(f -> new Damage(f,
                        "replace by a zip of text", (run, file) -> {
                            try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
                                zip.putNextEntry(new java.util.zip.ZipEntry("configuration.json"));
                                zip.write("{}".getBytes(StandardCharsets.UTF_8));
                                zip.putNextEntry(new java.util.zip.ZipEntry("coefficients.bin"));
                                zip.write(new byte[] {1, 2, 3});
                            }
                        })),
                Arbitraries.of("model.zip", "checkpoint-epoch-2.zip").map(f -> new Damage(f,
                        "replace by checkpoint-epoch-1.zip", (run, file) -> {
                            // an earlier damage of the same case may have deleted it: then the file goes too
                            Path first = run.resolve("checkpoint-epoch-1.zip");
                            if (Files.exists(first)) {
                                Files.copy(first, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                            } else {
                                Files.deleteIfExists(file);
                            }
                        })),
                Arbitraries.of(10, 3).map(classes -> new Damage("spec.json", "a spec with " + classes + " classes",
                        (run, file) -> Files.writeString(file, org.cnnworkbench.engine.io.NetworkJson.write(
                                tinySpec(classes))))));
    }

    private static org.cnnworkbench.engine.model.NetworkSpec tinySpec(int classes) {
        try {
            return TrainerTest.tinySpec(classes).withName("other");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file's bytes as Latin-1 text ("" if it is missing): an earlier damage may have made it binary. */
    private static String text(Path file) throws IOException {
        return new String(read(file), StandardCharsets.ISO_8859_1);
    }

    private static byte[] read(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
    }

    /** The JSON text with its {@code k}-th scalar value (cyclically) replaced by {@code value}. */
    static String replaceValue(String json, int k, String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(":\\s*(\"[^\"]*\"|[-0-9.eE+]+|true|false|null)")
                .matcher(json);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(1), m.end(1)});
        }
        if (spans.isEmpty()) {
            return json;
        }
        int[] span = spans.get(k % spans.size());
        return json.substring(0, span[0]) + value + json.substring(span[1]);
    }

    @Example
    void noDamageToARunDirectoryBreaksRunsInferOrResume() throws Exception {
        Path root = Files.createTempDirectory("run-fuzz");
        Path pristine = TinyRuns.train(root);
        Path png = root.resolve("image.png");
        ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
        int count = FuzzCampaign.cases(200);
        int maxResumes = Math.max(30, count / 20);
        RandomGenerator<List<Damage>> generator = damages().list().ofMinSize(1).ofMaxSize(3).generator(1000, true);
        Random random = new Random(FuzzCampaign.seed());
        FuzzCampaign campaign = new FuzzCampaign("run-directories");
        int resumes = 0;
        for (int i = 0; i < count; i++) {
            List<Damage> damage = generator.next(random).value();
            Path run = TinyRuns.copy(pristine, root.resolve("case" + i));
            for (Damage d : damage) {
                d.apply().apply(run, run.resolve(d.file()));
            }
            boolean predict = i % 3 == 0;
            boolean resume = i % 6 == 0 && resumes++ < maxResumes;
            String description = "case " + i + " (fuzz.seed " + FuzzCampaign.seed() + "): " + damage.stream()
                    .map(d -> d.file() + ": " + d.description()).toList() + (resume ? ", resumed" : "")
                    + (predict ? ", inferred" : "");
            campaign.run(description, Duration.ofSeconds(resume ? 120 : 30),
                    () -> check(run, png, predict, resume));
            TinyRuns.delete(run);
        }
        TinyRuns.delete(root);
        campaign.finish();
    }

    private static FuzzCampaign.Outcome check(Path run, Path png, boolean predict, boolean resume) throws Exception {
        boolean diagnosed = false;
        RunDirectory r = new RunDirectory(run);
        try {
            RunDirectory.Overview o = r.overview();
            o.problems().forEach(p -> assertClear(p, run));
            diagnosed = !o.problems().isEmpty();
        } catch (IOException e) {
            assertClear(e.getMessage(), run);
            diagnosed = true;
        }
        if (predict) {
            try {
                Predictor p = Predictor.load(run);
                p.warnings().forEach(w -> assertClear(w, run));
                diagnosed |= !p.warnings().isEmpty();
                Predictor.Prediction prediction = p.predictFiles(List.of(png), 3).get(0);
                assertThat(prediction.error()).isNull();
                assertThat(prediction.classes()).isNotEmpty();
            } catch (IOException e) {
                assertClear(e.getMessage(), run);
                diagnosed = true;
            }
        }
        if (resume) {
            diagnosed |= checkResume(run);
        }
        return diagnosed ? FuzzCampaign.Outcome.DIAGNOSED : FuzzCampaign.Outcome.ACCEPTED;
    }

    /** Resumes for one batch: a failure changes nothing, and every checkpoint intact before is kept as it was. */
    private static boolean checkResume(Path run) throws Exception {
        Map<String, byte[]> before = RunDirectoryDamageTest.snapshot(run);
        List<String> intact = new ArrayList<>();
        for (String name : before.keySet()) {
            if (name.startsWith("checkpoint-epoch-") && ModelFiles.isIntact(run.resolve(name))) {
                intact.add(name);
            }
        }
        List<String> warnings = new ArrayList<>();
        AtomicBoolean cancel = new AtomicBoolean();
        try {
            Trainer.resume(run, 3, TinyRuns.cancelAfterOneBatch(cancel, warnings), cancel);
        } catch (IOException | Dl4jConversionException | IllegalArgumentException e) {
            assertClear(e.getMessage(), run);
            RunDirectoryDamageTest.assertSameFiles(before, RunDirectoryDamageTest.snapshot(run));
            return true;
        }
        warnings.forEach(w -> assertClear(w, run));
        for (String name : intact) {
            assertThat(Arrays.equals(before.get(name), read(run.resolve(name)))).as(name + " kept").isTrue();
        }
        assertThat(new RunDirectory(run).overview().summary()).isPresent();
        return !warnings.isEmpty();
    }

    /** One line that names a file or folder (the run's, or a data source it points to). */
    private static void assertClear(String message, Path run) {
        assertThat(message).isNotBlank().doesNotContain("\n").doesNotStartWith("java.").contains("/");
        assertThat(message.length()).isLessThan(1500);
    }
}
