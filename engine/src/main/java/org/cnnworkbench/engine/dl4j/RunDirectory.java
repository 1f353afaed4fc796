package org.cnnworkbench.engine.dl4j;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cnnworkbench.engine.io.CsvTable;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * The files of one training run. Every file is written under a temporary name and renamed, and the pointer to
 * the latest checkpoint moves only after the checkpoint and its metrics row are complete, so a run stopped at
 * any moment (Ctrl+C, a crash, a kill) leaves a directory that {@code resume} and {@link Predictor} can use.
 *
 * <pre>
 * spec.json                the network
 * config.json              the {@link TrainingConfig}
 * data.json                the {@link DataSpec}, class names, per-channel mean, input shape and layout
 * metrics.csv              one row per completed epoch
 * checkpoint-epoch-N.zip   DL4J model with updater state after epoch N (the last three are kept)
 * latest-checkpoint        the name of the latest complete checkpoint
 * model.zip                the final model (DL4J, no updater state), written when a run ends
 * summary.json             the {@link RunSummary}, written when a run ends
 * </pre>
 */
public final class RunDirectory {

    static final String METRICS_HEADER = "epoch,train_loss,val_loss,val_top1,val_top5,images_per_second,seconds";
    private static final List<String> METRICS_COLUMNS = List.of(METRICS_HEADER.split(","));
    private static final Pattern CHECKPOINT = Pattern.compile("checkpoint-epoch-(\\d+)\\.zip");
    private static final int KEEP_CHECKPOINTS = 3;
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What {@code data.json} holds. */
    public record DataInfo(DataSpec data, List<String> classes, float[] mean, int channels, int height, int width,
                           String layout) {
    }

    private final Path dir;

    public RunDirectory(Path dir) {
        this.dir = dir;
    }

    public Path path() {
        return dir;
    }

    /** Whether {@code dir} looks like a run directory (it has a config.json and a spec.json). */
    public static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve("config.json")) && Files.isRegularFile(dir.resolve("spec.json"));
    }

    /**
     * The run directories in {@code folder} (sorted by name), or {@code folder} itself if it is one.
     *
     * @throws IOException if {@code folder} is not a readable folder
     */
    public static List<Path> findRuns(Path folder) throws IOException {
        if (isRun(folder)) {
            return List.of(folder);
        }
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": no such folder");
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(RunDirectory::isRun).sorted().toList();
        }
    }

    /**
     * What a list of runs shows about one: its network's name, settings, completed epochs and summary (absent
     * while the run has not ended or was killed).
     */
    public record Overview(Path dir, String network, TrainingConfig config, int completedEpochs,
                           Optional<RunSummary> summary) {
    }

    /** This run's {@link Overview}; an unreadable file gives an IOException naming it. */
    public Overview overview() throws IOException {
        return new Overview(dir, spec().name(), config(), latestEpoch(), summary());
    }

    public Path specFile() {
        return dir.resolve("spec.json");
    }

    public Path modelFile() {
        return dir.resolve("model.zip");
    }

    public Path metricsFile() {
        return dir.resolve("metrics.csv");
    }

    public Path summaryFile() {
        return dir.resolve("summary.json");
    }

    public Path checkpointFile(int epoch) {
        return dir.resolve("checkpoint-epoch-" + epoch + ".zip");
    }

    void create(NetworkSpec spec, TrainingConfig config, DataInfo data) throws IOException {
        Files.createDirectories(dir);
        writeAtomically(specFile(), NetworkJson.write(spec));
        writeConfig(config);
        writeAtomically(dir.resolve("data.json"), JSON.writeValueAsString(data));
        writeAtomically(metricsFile(), new CsvTable(METRICS_COLUMNS).toCsv());
    }

    void writeConfig(TrainingConfig config) throws IOException {
        writeAtomically(dir.resolve("config.json"), JSON.writeValueAsString(config));
    }

    public NetworkSpec spec() throws IOException {
        try {
            return NetworkJson.read(specFile()).spec();
        } catch (SpecFormatException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    public TrainingConfig config() throws IOException {
        return JSON.readValue(dir.resolve("config.json").toFile(), TrainingConfig.class);
    }

    public DataInfo dataInfo() throws IOException {
        return JSON.readValue(dir.resolve("data.json").toFile(), DataInfo.class);
    }

    public Optional<RunSummary> summary() throws IOException {
        return Files.isRegularFile(summaryFile())
                ? Optional.of(JSON.readValue(summaryFile().toFile(), RunSummary.class)) : Optional.empty();
    }

    void writeSummary(RunSummary summary) throws IOException {
        writeAtomically(summaryFile(), JSON.writeValueAsString(summary));
    }

    /** The epoch of the latest complete checkpoint, 0 if none. */
    public int latestEpoch() throws IOException {
        Path pointer = dir.resolve("latest-checkpoint");
        if (!Files.isRegularFile(pointer)) {
            return 0;
        }
        Matcher m = CHECKPOINT.matcher(Files.readString(pointer).trim());
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Records that the checkpoint of {@code epoch} is complete, and its metrics row; drops old checkpoints. */
    void commitEpoch(TrainingListener.EpochMetrics metrics) throws IOException {
        int epoch = metrics.epoch();
        String row = new CsvTable(METRICS_COLUMNS).row(epoch, fixed(6, metrics.trainLoss()),
                fixed(6, metrics.valLoss()), fixed(6, metrics.top1()), fixed(6, metrics.top5()),
                fixed(1, metrics.imagesPerSecond()), fixed(2, metrics.seconds())).rowsOnly();
        Files.writeString(metricsFile(), row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        writeAtomically(dir.resolve("latest-checkpoint"), checkpointFile(epoch).getFileName() + "\n");
        List<Integer> epochs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                Matcher m = CHECKPOINT.matcher(f.getFileName().toString());
                if (m.matches()) {
                    epochs.add(Integer.parseInt(m.group(1)));
                }
            });
        }
        epochs.sort(null);
        for (int i = 0; i < epochs.size() - KEEP_CHECKPOINTS; i++) {
            Files.deleteIfExists(checkpointFile(epochs.get(i)));
        }
    }

    /** Drops metrics rows (and checkpoints) past the latest complete checkpoint, left by an interrupted epoch. */
    void truncateTo(int epoch) throws IOException {
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(metricsFile())) {
            if (line.startsWith("epoch") || line.isBlank()) {
                kept.add(line);
            } else if (Integer.parseInt(line.substring(0, line.indexOf(','))) <= epoch) {
                kept.add(line);
            }
        }
        writeAtomically(metricsFile(), String.join("\n", kept) + "\n");
    }

    /** The metrics rows (without the header). */
    public List<String> metricsRows() throws IOException {
        return Files.readAllLines(metricsFile()).stream().skip(1).filter(l -> !l.isBlank()).toList();
    }

    /**
     * The completed epochs' metrics, parsed from {@code metrics.csv} in its column order
     * ({@value #METRICS_HEADER}).
     *
     * @throws IOException if the file cannot be read or a row is malformed (the message names the row)
     */
    public List<TrainingListener.EpochMetrics> metrics() throws IOException {
        List<TrainingListener.EpochMetrics> out = new ArrayList<>();
        List<String> rows = metricsRows();
        for (int i = 0; i < rows.size(); i++) {
            String[] f = rows.get(i).split(",");
            try {
                if (f.length != 7) {
                    throw new NumberFormatException("expected 7 columns, found " + f.length);
                }
                out.add(new TrainingListener.EpochMetrics(Integer.parseInt(f[0]), Double.parseDouble(f[1]),
                        Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                        Double.parseDouble(f[5]), Double.parseDouble(f[6])));
            } catch (NumberFormatException e) {
                throw new IOException(metricsFile() + ", line " + (i + 2) + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** {@code value} with {@code decimals} decimals, as metrics.csv has always written it. */
    private static String fixed(int decimals, double value) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        move(temp, file);
    }

    static void move(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
