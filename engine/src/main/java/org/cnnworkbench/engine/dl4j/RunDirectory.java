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
 * best-epoch-N.zip         the model (no updater state) of epoch N, the best validation top-1 so far
 * summary.json             the {@link RunSummary}, written when a run ends
 * </pre>
 */
public final class RunDirectory {

    static final String METRICS_HEADER = "epoch,train_loss,val_loss,val_top1,val_top5,images_per_second,seconds";
    private static final List<String> METRICS_COLUMNS = List.of(METRICS_HEADER.split(","));
    /** The files that mark a folder as (part of) a run directory. */
    private static final List<String> RUN_FILES = List.of("spec.json", "config.json", "data.json", "metrics.csv",
            RunCheckpoints.POINTER, "model.zip", "summary.json", DetectionRunInfo.FILE);
    private static final int KEEP_CHECKPOINTS = 3;
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What {@code data.json} holds; a file that breaks these rules is damaged. */
    public record DataInfo(DataSpec data, List<String> classes, float[] mean, int channels, int height, int width,
                           String layout) {
        public DataInfo {
            if (data == null) {
                throw new IllegalArgumentException("no data source");
            }
            if (classes == null || classes.isEmpty() || classes.stream().anyMatch(java.util.Objects::isNull)) {
                throw new IllegalArgumentException("no class names");
            }
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("the input has 1 or 3 channels, not " + channels);
            }
            if (height < 1 || width < 1 || height > 16_384 || width > 16_384) {
                throw new IllegalArgumentException("the input size " + height + "x" + width + " is out of range");
            }
            if (mean == null || mean.length != channels) {
                throw new IllegalArgumentException("the mean needs one value per channel (" + channels + ")");
            }
            for (float m : mean) {
                if (!Float.isFinite(m)) {
                    throw new IllegalArgumentException("the mean " + m + " is not a finite number");
                }
            }
            if (!"NCHW".equals(layout) && !"NHWC".equals(layout)) {
                throw new IllegalArgumentException("the layout must be NCHW or NHWC, not " + layout);
            }
            classes = List.copyOf(classes);
        }
    }

    private final Path dir;
    private final RunCheckpoints checkpoints;

    public RunDirectory(Path dir) {
        this.dir = dir;
        this.checkpoints = new RunCheckpoints(dir);
    }

    public Path path() {
        return dir;
    }

    /** Whether {@code dir} looks like a run directory (it has a config.json and a spec.json). */
    public static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve("config.json")) && Files.isRegularFile(dir.resolve("spec.json"));
    }

    /**
     * Whether {@code dir} holds any file of a run (a complete one or the remains of a damaged one): a new run
     * must not be written there.
     */
    public static boolean holdsRunFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        if (RUN_FILES.stream().anyMatch(f -> Files.exists(dir.resolve(f)))) {
            return true;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> RunCheckpoints.isModelFile(f.getFileName().toString()));
        } catch (IOException e) {
            return true;   // an unreadable folder is not a safe place for a new run either
        }
    }

    /**
     * The run directories in {@code folder} (sorted by name), or {@code folder} itself if it is one; folders
     * that hold only part of a run are listed too (reading them names what is missing).
     *
     * @throws IOException if {@code folder} is not a readable folder
     */
    public static List<Path> findRuns(Path folder) throws IOException {
        if (holdsRunFiles(folder)) {
            return List.of(folder);
        }
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": no such folder");
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(RunDirectory::holdsRunFiles).sorted().toList();
        }
    }

    /** Refuses a folder that is not a run directory, naming what is missing. */
    public void requireRun() throws IOException {
        if (isRun(dir)) {
            return;
        }
        if (!holdsRunFiles(dir)) {
            throw new IOException(dir + " is not a training run directory (no config.json and spec.json)");
        }
        Path missing = Files.isRegularFile(specFile()) ? dir.resolve("config.json") : specFile();
        throw new IOException(missing + " is missing: " + dir + " holds only part of a training run");
    }

    /**
     * What a list of runs shows about one: its network's name, settings, completed epochs and summary (absent
     * while the run has not ended or was killed), and problems found in its other files, each naming the file.
     */
    public record Overview(Path dir, String network, TrainingConfig config, int completedEpochs,
                           Optional<RunSummary> summary, List<String> problems) {
    }

    /**
     * This run's {@link Overview}. An unreadable spec, config or summary gives an IOException naming the file;
     * damage to data.json, metrics.csv, the checkpoint pointer, the latest checkpoint, model.zip or the best epoch's
     * model (the zips' structure only, not every byte) is listed in {@link Overview#problems}.
     */
    public Overview overview() throws IOException {
        requireRun();
        String network = spec().name();
        TrainingConfig config = config();
        Optional<RunSummary> summary = summary();
        List<String> problems = new ArrayList<>();
        try {
            dataInfo();
        } catch (IOException e) {
            problems.add(e.getMessage());
        }
        int bound = Integer.MAX_VALUE;
        try {
            bound = parsedMetrics().lastEpoch();
        } catch (IOException e) {
            problems.add(e.getMessage());
        }
        RunCheckpoints.Candidates candidates = checkpoints.candidates(bound);
        candidates.warning().ifPresent(problems::add);
        int epoch = candidates.epochs().isEmpty() ? 0 : candidates.epochs().get(0);
        missingRows(bound, epoch).ifPresent(problems::add);
        List<Path> zips = new ArrayList<>();
        if (epoch > 0) {
            zips.add(checkpointFile(epoch));
        }
        if (Files.exists(modelFile()) || summary.map(s -> s.modelBytes() > 0).orElse(false)) {
            zips.add(modelFile());
        }
        int best = bestEpoch();
        if (best > 0) {
            zips.add(bestModelFile(best));
        }
        for (Path zip : zips) {
            try {
                ModelFiles.checkStructure(zip);
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
        return new Overview(dir, network, config, epoch, summary, List.copyOf(problems));
    }

    /** A problem if metrics.csv (rows up to {@code lastRow}) lacks rows of recorded epochs up to {@code epoch}. */
    Optional<String> missingRows(int lastRow, int epoch) {
        return lastRow < epoch ? Optional.of(metricsFile() + ": rows up to epoch " + lastRow + " but epoch " + epoch
                + " is complete (lines lost or truncated)") : Optional.empty();
    }

    public Path specFile() {
        return dir.resolve("spec.json");
    }

    public Path modelFile() {
        return dir.resolve("model.zip");
    }

    /**
     * The bytes of the run's compressed model file ({@link CompressedModels#FILE}), if it is a compressed run whose
     * file has been written: the size a list of runs shows for it ({@code model.zip} is the uncompressed form its
     * fine-tuning resumes from).
     */
    public java.util.OptionalLong compressedModelBytes() {
        Path file = dir.resolve(CompressedModels.FILE);
        try {
            return Files.isRegularFile(file) ? java.util.OptionalLong.of(Files.size(file))
                    : java.util.OptionalLong.empty();
        } catch (IOException e) {
            return java.util.OptionalLong.empty();
        }
    }

    public Path metricsFile() {
        return dir.resolve("metrics.csv");
    }

    public Path summaryFile() {
        return dir.resolve("summary.json");
    }

    public Path checkpointFile(int epoch) {
        return checkpoints.checkpointFile(epoch);
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

    /** The network; a missing or damaged spec.json gives an IOException naming it. */
    public NetworkSpec spec() throws IOException {
        if (!Files.isRegularFile(specFile())) {
            throw new IOException(specFile() + " is missing");
        }
        try {
            return NetworkJson.read(specFile()).spec();
        } catch (SpecFormatException e) {
            throw new IOException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException(specFile() + ": " + RunFiles.firstLine(e), e);
        }
    }

    public TrainingConfig config() throws IOException {
        return RunFiles.readJson(JSON, dir.resolve("config.json"), TrainingConfig.class);
    }

    public DataInfo dataInfo() throws IOException {
        return RunFiles.readJson(JSON, dir.resolve("data.json"), DataInfo.class);
    }

    public Optional<RunSummary> summary() throws IOException {
        return Files.exists(summaryFile()) ? Optional.of(RunFiles.readJson(JSON, summaryFile(), RunSummary.class))
                : Optional.empty();
    }

    void writeSummary(RunSummary summary) throws IOException {
        writeAtomically(summaryFile(), JSON.writeValueAsString(summary));
    }

    /**
     * The epoch of the latest complete checkpoint, 0 if none: the one {@code latest-checkpoint} names, or, if
     * that pointer is garbled or names a missing file, the newest checkpoint file of a recorded epoch.
     */
    public int latestEpoch() throws IOException {
        int bound;
        try {
            bound = parsedMetrics().lastEpoch();
        } catch (IOException e) {
            bound = Integer.MAX_VALUE;
        }
        List<Integer> epochs = checkpoints.candidates(bound).epochs();
        return epochs.isEmpty() ? 0 : epochs.get(0);
    }

    /** The checkpoints and the best epoch's model of this run. */
    RunCheckpoints checkpoints() {
        return checkpoints;
    }

    /** The model file of epoch {@code epoch} as the best epoch so far ({@code best-epoch-N.zip}). */
    public Path bestModelFile(int epoch) {
        return checkpoints.bestModelFile(epoch);
    }

    /**
     * The epoch of the best-epoch model ({@code best-epoch-N.zip}), 0 if there is none. If a crash left two, the
     * later one is the better (a best is replaced only by a strictly higher top-1).
     */
    public int bestEpoch() {
        return checkpoints.bestEpoch();
    }

    /**
     * The metrics row of the best epoch (the epoch of {@link #bestEpoch()}), empty if the run has no best-epoch
     * model or metrics.csv lacks its row or cannot be read.
     */
    public Optional<TrainingListener.EpochMetrics> best() {
        int best = bestEpoch();
        if (best == 0) {
            return Optional.empty();
        }
        try {
            return metrics().stream().filter(m -> m.epoch() == best).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Records that the checkpoint of {@code epoch} is complete, and its metrics row; drops old checkpoints. */
    void commitEpoch(TrainingListener.EpochMetrics metrics) throws IOException {
        int epoch = metrics.epoch();
        String row = new CsvTable(METRICS_COLUMNS).row(epoch, fixed(6, metrics.trainLoss()),
                fixed(6, metrics.valLoss()), fixed(6, metrics.top1()), fixed(6, metrics.top5()),
                fixed(1, metrics.imagesPerSecond()), fixed(2, metrics.seconds())).rowsOnly();
        Files.writeString(metricsFile(), row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        writeAtomically(dir.resolve(RunCheckpoints.POINTER), checkpointFile(epoch).getFileName() + "\n");
        List<Integer> epochs = checkpoints.epochs();
        for (int i = 0; i < epochs.size() - KEEP_CHECKPOINTS; i++) {
            Files.deleteIfExists(checkpointFile(epochs.get(i)));
        }
    }

    /**
     * Rewrites metrics.csv with the rows of {@code metrics} up to {@code epoch}, dropping those of an
     * interrupted epoch (and a torn last line).
     */
    void truncateTo(int epoch, RunFiles.Metrics metrics) throws IOException {
        StringBuilder text = new StringBuilder(METRICS_HEADER).append('\n');
        for (int i = 0; i < metrics.rows().size(); i++) {
            if (metrics.rows().get(i).epoch() <= epoch) {
                text.append(metrics.lines().get(i)).append('\n');
            }
        }
        writeAtomically(metricsFile(), text.toString());
    }

    /** metrics.csv parsed; a damaged line is an IOException naming it, a torn last line is left out. */
    RunFiles.Metrics parsedMetrics() throws IOException {
        return RunFiles.parseMetrics(metricsFile());
    }

    /** The metrics rows (without the header). */
    public List<String> metricsRows() throws IOException {
        return parsedMetrics().lines();
    }

    /**
     * The completed epochs' metrics, parsed from {@code metrics.csv} in its column order
     * ({@value #METRICS_HEADER}).
     *
     * @throws IOException if the file cannot be read or a row is malformed (the message names the row)
     */
    public List<TrainingListener.EpochMetrics> metrics() throws IOException {
        return parsedMetrics().rows();
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
