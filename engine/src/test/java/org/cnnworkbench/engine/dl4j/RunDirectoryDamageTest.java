package org.cnnworkbench.engine.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged run directories give one line naming the file, and a damaged newest checkpoint costs nothing older. */
class RunDirectoryDamageTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path pristine;

    @BeforeAll
    static void trainATinyRun() throws Exception {
        pristine = TinyRuns.train(shared);
    }

    private Path copy() throws IOException {
        return TinyRuns.copy(pristine, dir.resolve("run"));
    }

    static Map<String, byte[]> snapshot(Path run) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(run)) {
            for (Path f : s.toList()) {
                files.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return files;
    }

    static void assertSameFiles(Map<String, byte[]> a, Map<String, byte[]> b) {
        assertThat(b.keySet()).isEqualTo(a.keySet());
        a.forEach((name, bytes) -> assertThat(Arrays.equals(bytes, b.get(name))).as(name + " unchanged").isTrue());
    }

    private static RunSummary resumeOneBatch(Path run, List<String> warnings) throws Exception {
        AtomicBoolean cancel = new AtomicBoolean();
        return Trainer.resume(run, 3, TinyRuns.cancelAfterOneBatch(cancel, warnings), cancel);
    }

    @Test
    void aGarbledPointerResumesFromTheNewestCheckpointInsteadOfStartingOver() throws Exception {
        Path run = copy();
        Files.writeString(run.resolve("latest-checkpoint"), "\u0000\u0013garbage");
        List<String> warnings = new ArrayList<>();

        RunSummary s = resumeOneBatch(run, warnings);

        assertThat(s.epochs()).isEqualTo(2);
        assertThat(new RunDirectory(run).metrics()).hasSize(2);
        assertThat(warnings).singleElement().asString().contains("latest-checkpoint")
                .contains("using checkpoint-epoch-2.zip (epoch 2)");
    }

    @Test
    void aTruncatedNewestCheckpointFallsBackToThePreviousOneAndKeepsIt() throws Exception {
        Path run = copy();
        Path newest = run.resolve("checkpoint-epoch-2.zip");
        Files.write(newest, Arrays.copyOf(Files.readAllBytes(newest), (int) Files.size(newest) / 2));
        byte[] previous = Files.readAllBytes(run.resolve("checkpoint-epoch-1.zip"));
        List<String> warnings = new ArrayList<>();

        RunSummary s = resumeOneBatch(run, warnings);

        assertThat(s.status()).isEqualTo(RunSummary.Status.CANCELLED);
        assertThat(s.epochs()).isEqualTo(1);
        assertThat(warnings).singleElement().asString().startsWith(newest + ": damaged or truncated")
                .endsWith("using checkpoint-epoch-1.zip (epoch 1)");
        assertThat(Files.readAllBytes(run.resolve("checkpoint-epoch-1.zip"))).isEqualTo(previous);
        assertThat(new RunDirectory(run).metrics()).extracting(TrainingListener.EpochMetrics::epoch)
                .containsExactly(1);
    }

    @Test
    void aFailedResumeLeavesEveryFileAsItWas() throws Exception {
        Path run = copy();
        Files.writeString(run.resolve("data.json"), "{\"data\": {\"source\": \"fashion-mnist\"");
        Map<String, byte[]> before = snapshot(run);

        assertThatThrownBy(() -> resumeOneBatch(run, new ArrayList<>())).isInstanceOf(IOException.class)
                .hasMessageStartingWith(run.resolve("data.json") + ": line 1, column ")
                .hasMessageNotContaining("\n");
        assertSameFiles(before, snapshot(run));
    }

    @Test
    void aTornLastMetricsLineFromACrashIsDroppedOnResume() throws Exception {
        Path run = copy();
        Files.writeString(run.resolve("metrics.csv"), Files.readString(run.resolve("metrics.csv")) + "3");

        resumeOneBatch(run, new ArrayList<>());

        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(3).doesNotContain("3");
    }

    @Test
    void damagedTextFilesAreOneLineNamingTheFile() throws Exception {
        Map<String, String> damage = Map.of(
                "config.json", "null",
                "summary.json", "{\"epochs\": 2}",
                "data.json", "[1, 2",
                "metrics.csv", RunDirectory.METRICS_HEADER + "\n1,0.5\n2,0.4,0.3,0.2,0.1,5,6\n",
                "spec.json", "\u00ff\u00fe binary");
        for (Map.Entry<String, String> d : damage.entrySet()) {
            Path run = TinyRuns.copy(pristine, dir.resolve("damaged-" + d.getKey()));
            Files.write(run.resolve(d.getKey()), d.getValue().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            RunDirectory r = new RunDirectory(run);
            List<String> messages = new ArrayList<>();
            try {
                messages.addAll(r.overview().problems());
            } catch (IOException e) {
                messages.add(e.getMessage());
            }
            assertThat(messages).as(d.getKey()).singleElement().asString().startsWith(run.resolve(d.getKey()).toString())
                    .doesNotContain("\n");
            if (d.getKey().equals("summary.json")) {
                // a resume does not need the old summary; it writes a new one
                assertThat(resumeOneBatch(run, new ArrayList<>()).epochs()).isEqualTo(2);
                assertThat(new RunDirectory(run).summary()).isPresent();
            } else {
                assertThatThrownBy(() -> resumeOneBatch(run, new ArrayList<>())).as(d.getKey())
                        .hasMessageStartingWith(run.resolve(d.getKey()).toString()).hasMessageNotContaining("\n");
            }
        }
    }

    @Test
    void aDamagedModelZipFallsBackToTheLatestCheckpointForPrediction() throws Exception {
        Path run = copy();
        byte[] model = Files.readAllBytes(run.resolve("model.zip"));
        model[model.length / 2] ^= 0x55;
        Files.write(run.resolve("model.zip"), model);
        Path png = dir.resolve("x.png");
        ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());

        Predictor p = Predictor.load(run, ModelChoice.LAST);

        assertThat(p.warnings()).singleElement().asString().startsWith(run.resolve("model.zip") + ": damaged")
                .endsWith("using checkpoint-epoch-2.zip (epoch 2) instead");
        assertThat(p.predictFiles(List.of(png), 3).get(0).classes()).hasSize(3);
    }

    @Test
    void aModelThatDoesNotFitDataJsonIsRefusedBeforeUse() throws Exception {
        Path run = copy();
        Path data = run.resolve("data.json");
        Files.writeString(data, Files.readString(data).replace("\"channels\" : 1", "\"channels\" : 3")
                .replaceFirst("\"mean\" : \\[ ([^\\]]*) \\]", "\"mean\" : [ 0.1, 0.1, 0.1 ]"));

        assertThatThrownBy(() -> Predictor.load(run)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(run.resolve("model.zip") + " does not fit data.json (a 3x28x28");
    }

    @Test
    void aNewRunIsRefusedInAFolderHoldingPartOfARun() throws Exception {
        Path run = copy();
        Files.delete(run.resolve("config.json"));

        assertThat(RunDirectory.holdsRunFiles(run)).isTrue();
        assertThatThrownBy(() -> new RunDirectory(run).overview())
                .hasMessage(run.resolve("config.json") + " is missing: " + run + " holds only part of a training run");
        assertThat(RunDirectory.findRuns(dir)).containsExactly(run);
    }
}
