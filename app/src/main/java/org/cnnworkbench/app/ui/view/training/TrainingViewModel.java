package org.cnnworkbench.app.ui.view.training;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import org.cnnworkbench.app.ui.viewmodel.DataSettings;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.data.kitti.KittiTrainingData;
import org.cnnworkbench.engine.detection.DetectionSettings;
import org.cnnworkbench.engine.dl4j.Compressor;
import org.cnnworkbench.engine.dl4j.DataSpec;
import org.cnnworkbench.engine.dl4j.DetectionRunInfo;
import org.cnnworkbench.engine.dl4j.DetectionTrainer;
import org.cnnworkbench.engine.dl4j.Dl4jConversionException;
import org.cnnworkbench.engine.dl4j.RunDirectory;
import org.cnnworkbench.engine.dl4j.RunSummary;
import org.cnnworkbench.engine.dl4j.Trainer;
import org.cnnworkbench.engine.dl4j.TrainingConfig;
import org.cnnworkbench.engine.dl4j.TrainingData;
import org.cnnworkbench.engine.dl4j.TrainingListener;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Shape;
import org.cnnworkbench.spark.SparkSettings;
import org.cnnworkbench.spark.SparkTraining;

/**
 * The Train dialog's state: the settings of a run (data, optimiser, schedule, run directory) and, while it
 * trains, its live progress: batch losses, per-epoch validation metrics, images/s, ETA, warnings and the
 * final summary. Training runs on the {@code training} executor; every property changes on {@code ui}.
 * Testable without the toolkit (pass {@code Runnable::run} for both).
 *
 * <pre>{@code
 * TrainingViewModel vm = new TrainingViewModel(runsRoot, trainingThread, Platform::runLater);
 * vm.epochs().set(5);
 * vm.start(spec);          // false with error() set if a setting is wrong
 * vm.stop();               // finishes the current batch; the run directory keeps the last epoch
 * }</pre>
 */
public final class TrainingViewModel {

    /** Where a run is. */
    public enum State { IDLE, RUNNING, STOPPING, FINISHED, FAILED }

    /** One point of the training-loss curve: x in epochs (fractional), y the mean batch loss since the last. */
    public record LossPoint(double epoch, double loss) {
    }

    private static final String OPENING = "opening the data and converting the network...";

    private final Path runsRoot;
    private final Executor training;
    private final Executor ui;

    private final DataSettings dataSettings = new DataSettings(0, 0);
    private final ReadOnlyBooleanWrapper detection = new ReadOnlyBooleanWrapper(false);
    private final IntegerProperty epochs = new SimpleIntegerProperty(10);
    private final IntegerProperty batchSize = new SimpleIntegerProperty(64);
    private final DoubleProperty learningRate = new SimpleDoubleProperty(0.001);
    private final ObjectProperty<TrainingConfig.Optimizer> optimizer =
            new SimpleObjectProperty<>(TrainingConfig.Optimizer.ADAM);
    private final DoubleProperty momentum = new SimpleDoubleProperty(0.9);
    private final DoubleProperty weightDecay = new SimpleDoubleProperty(0);
    private final javafx.beans.property.LongProperty seed = new javafx.beans.property.SimpleLongProperty(42);
    private final ObjectProperty<TrainingConfig.Schedule> schedule =
            new SimpleObjectProperty<>(TrainingConfig.Schedule.POLY);
    private final StringProperty runDirectory = new SimpleStringProperty("");
    private final BooleanProperty onSpark = new SimpleBooleanProperty(false);
    private final StringProperty sparkMaster = new SimpleStringProperty("local[2]");
    private final IntegerProperty sparkWorkers = new SimpleIntegerProperty(0);
    private final IntegerProperty averagingFrequency = new SimpleIntegerProperty(5);
    private final BooleanProperty gradientSharing = new SimpleBooleanProperty(false);
    private final DoubleProperty threshold = new SimpleDoubleProperty(SparkSettings.DEFAULT_THRESHOLD);

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<RunSummary> summary = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> activeRun = new ReadOnlyObjectWrapper<>();
    private final RunProgress live;

    private volatile AtomicBoolean cancel = new AtomicBoolean();

    public TrainingViewModel(Path runsRoot, Executor training, Executor ui) {
        this.runsRoot = runsRoot;
        this.training = training;
        this.ui = ui;
        this.live = new RunProgress(ui);
    }

    /** A fresh run directory under the runs folder: {@code <network>-<yyyyMMdd-HHmmss>}. */
    public Path suggestRunDirectory(String networkName) {
        String base = networkName == null || networkName.isBlank() ? "network"
                : networkName.strip().replaceAll("[^A-Za-z0-9._-]+", "-");
        return runsRoot.resolve(base + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    public Path runsRoot() {
        return runsRoot;
    }

    /**
     * Whether the current (or last) run is a detection run: its accuracy columns are the KITTI mean AP at Moderate
     * and Easy instead of top-1 and top-5.
     */
    public ReadOnlyBooleanProperty detection() {
        return detection.getReadOnlyProperty();
    }

    /**
     * Starts training {@code spec} from random weights with the current settings. Returns false, with
     * {@link #error()} saying why, if a setting is wrong or a run is already going; problems found while opening
     * the data or converting the network end the run as {@link State#FAILED} with the message in {@link #error()}.
     */
    public boolean start(NetworkSpec spec) {
        if (isBusy()) {
            error.set("a run is already going; stop it first");
            return false;
        }
        TrainingConfig config;
        DataSpec data;
        Path dir;
        Shape.FeatureMap input;
        SparkSettings spark;
        try {
            config = new TrainingConfig(epochs.get(), batchSize.get(), learningRate.get(), optimizer.get(),
                    momentum.get(), weightDecay.get(), seed.get(), schedule.get(), TrainingConfig.automaticWorkers());
            data = dataSettings.spec();
            dir = runDirectoryPath();
            input = inputOf(spec);
            spark = sparkSettings();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return false;
        }
        if (RunDirectory.isRun(dir)) {
            error.set(dir + " already holds a run; choose another directory or resume it from Training Runs");
            return false;
        }
        boolean detector = DetectionTrainer.isDetector(spec);
        if (detector && data.isFashionMnist()) {
            error.set("the network ends in a convdet head (a detector): choose a KITTI folder as the data (with "
                    + "training/image_2 and training/label_2, e.g. made by workbench dataset synth-kitti)");
            return false;
        }
        detection.set(detector);
        begin(dir, List.of(), spark == null ? OPENING : "starting Spark (" + spark.master() + "); " + OPENING);
        AtomicBoolean flag = cancel;
        KittiTrainingData.Options kitti = KittiTrainingData.Options.defaults()
                .withLimits(data.trainLimit(), data.valLimit()).withAugment(data.augment());
        training.execute(() -> finish(() -> {
            TrainingListener listener = listener();
            if (detector) {
                KittiTrainingData kittiData = KittiTrainingData.open(Path.of(data.source()), input, kitti, null);
                kittiData.warnings().forEach(listener::warning);
                return spark == null
                        ? DetectionTrainer.train(spec, kittiData, config, DetectionSettings.SQUEEZEDET, dir, listener,
                                flag)
                        : SparkTraining.trainDetection(spec, kittiData, config, DetectionSettings.SQUEEZEDET, dir,
                                spark, listener, flag);
            }
            TrainingData trainingData = TrainingData.open(data, input);
            return spark == null ? Trainer.train(spec, trainingData, config, dir, listener, flag)
                    : SparkTraining.train(spec, trainingData, config, dir, spark, listener, flag);
        }));
        return true;
    }

    /** The Spark settings of the form, or null when the run trains on this machine. */
    private SparkSettings sparkSettings() {
        if (!onSpark.get()) {
            return null;
        }
        String master = sparkMaster.get() == null ? "" : sparkMaster.get().strip();
        if (master.isEmpty()) {
            throw new IllegalArgumentException("give the Spark master URL, e.g. local[2] or spark://host:7077");
        }
        SparkSettings settings = SparkSettings.of(master, sparkWorkers.get(), averagingFrequency.get());
        return gradientSharing.get() ? settings.withSharing(threshold.get()) : settings;
    }

    /**
     * Continues the run in {@code runDir} from its last checkpoint to its configured number of epochs, showing
     * its earlier epochs first; a compressed run (Compressor.isCompressedRun) continues its compression and writes
     * its compressed file at the end. Returns false with {@link #error()} set if it cannot.
     */
    public boolean resume(Path runDir) {
        if (isBusy()) {
            error.set("a run is already going; stop it first");
            return false;
        }
        List<TrainingListener.EpochMetrics> earlier;
        try {
            RunDirectory run = new RunDirectory(runDir);
            if (!RunDirectory.isRun(runDir)) {
                throw new IOException(runDir + " is not a training run directory");
            }
            TrainingConfig config = run.config();
            DataSpec data = run.dataInfo().data();
            fill(config, data);
            earlier = run.metrics();
            if (SparkTraining.isSparkRun(runDir)) {
                SparkSettings settings = SparkTraining.read(runDir);
                onSpark.set(true);
                sparkMaster.set(settings.master());
                sparkWorkers.set(settings.workers());
                averagingFrequency.set(settings.averagingFrequency());
                gradientSharing.set(settings.mode() == SparkSettings.Mode.SHARING);
                if (settings.mode() == SparkSettings.Mode.SHARING) {
                    threshold.set(settings.threshold());
                }
            } else {
                onSpark.set(false);
            }
        } catch (IOException | RuntimeException e) {
            error.set(message(e));
            return false;
        }
        runDirectory.set(runDir.toString());
        begin(runDir, earlier, onSpark.get() ? "starting Spark (" + sparkMaster.get() + "); " + OPENING : OPENING);
        AtomicBoolean flag = cancel;
        boolean compressed = Compressor.isCompressedRun(runDir);
        boolean detector = DetectionRunInfo.isDetectionRun(runDir);
        boolean spark = onSpark.get() && !compressed;
        detection.set(detector);
        training.execute(() -> finish(() -> compressed ? Compressor.resume(runDir, listener(), flag)
                : spark ? SparkTraining.resume(runDir, 0, null, listener(), flag)
                : detector ? DetectionTrainer.resume(runDir, 0, listener(), flag)
                : Trainer.resume(runDir, 0, listener(), flag)));
        return true;
    }

    /** Asks the run to stop after the current batch; the run directory keeps its last complete epoch. */
    public void stop() {
        if (state.get() == State.RUNNING) {
            cancel.set(true);
            state.set(State.STOPPING);
            live.setStatus("stopping after the current batch...");
        }
    }

    private boolean isBusy() {
        return state.get() == State.RUNNING || state.get() == State.STOPPING;
    }

    private void begin(Path dir, List<TrainingListener.EpochMetrics> earlier, String firstStatus) {
        cancel = new AtomicBoolean();
        error.set("");
        summary.set(null);
        live.reset(earlier, firstStatus);
        activeRun.set(dir);
        state.set(State.RUNNING);
    }

    @FunctionalInterface
    interface Run {
        RunSummary call() throws IOException, Dl4jConversionException;
    }

    /**
     * Runs {@code run} on the training thread and publishes its end on the UI thread, whatever way it ends: a
     * run that exhausts memory (a batch too large for ND4J's memory) fails with that said, never leaving the
     * window "running".
     */
    void finish(Run run) {
        try {
            RunSummary s = run.call();
            ui.execute(() -> {
                summary.set(s);
                if (s.status() == RunSummary.Status.COMPLETED) {
                    live.setProgress(1);
                }
                live.setStatus(s.message() == null || s.message().isBlank() ? describe(s) : s.message());
                state.set(s.status() == RunSummary.Status.DIVERGED ? State.FAILED : State.FINISHED);
                if (s.status() == RunSummary.Status.DIVERGED) {
                    error.set(s.message());
                }
            });
        } catch (IOException | Dl4jConversionException | RuntimeException e) {
            failed(message(e));
        } catch (OutOfMemoryError e) {
            failed("out of memory (" + e.getMessage() + "); try a smaller batch size");
        } catch (StackOverflowError e) {
            failed("internal error: the stack overflowed (please report it)");
        } catch (LinkageError e) {
            failed("internal error: a class of the program is missing or broken (" + e + "); please report it");
        }
    }

    private void failed(String message) {
        ui.execute(() -> {
            error.set(message);
            live.setStatus("training failed");
            state.set(State.FAILED);
        });
    }

    private String describe(RunSummary s) {
        if (detection.get()) {
            return String.format(Locale.ROOT, "%s after %d epochs: mAP Moderate %.4f, Easy %.4f, %.1f images/s",
                    s.status().name().toLowerCase(Locale.ROOT), s.epochs(), s.top1(), s.top5(), s.imagesPerSecond());
        }
        return String.format(Locale.ROOT, "%s after %d epochs: top-1 %.2f%%, top-5 %.2f%%, %.0f images/s",
                s.status().name().toLowerCase(Locale.ROOT), s.epochs(), 100 * s.top1(), 100 * s.top5(),
                s.imagesPerSecond());
    }

    /** What to show of a failure: its message, or its kind when it has none. */
    static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private TrainingListener listener() {
        return live.listener(() -> state.get() == State.RUNNING, epoch -> "");
    }

    private Path runDirectoryPath() {
        String text = runDirectory.get() == null ? "" : runDirectory.get().strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("choose a run directory");
        }
        try {
            return Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid folder name: " + e.getReason());
        }
    }

    private static Shape.FeatureMap inputOf(NetworkSpec spec) {
        AnalysisReport report = Analyzer.standard().analyze(spec);
        if (!report.isValid()) {
            throw new IllegalArgumentException("the network has errors (see Problems); fix them before training");
        }
        return Trainer.imageInput(spec, report)
                .orElseThrow(() -> new IllegalArgumentException("training needs a network with an image input node"));
    }

    private void fill(TrainingConfig config, DataSpec data) {
        epochs.set(config.epochs());
        batchSize.set(config.batchSize());
        learningRate.set(config.learningRate());
        optimizer.set(config.optimizer());
        momentum.set(config.momentum());
        weightDecay.set(config.weightDecay());
        seed.set(config.seed());
        schedule.set(config.schedule());
        dataSettings.fill(data);
    }

    // settings

    /** {@code fashion-mnist} or the path of an image folder. */
    public StringProperty dataSource() {
        return dataSettings.dataSource();
    }

    /** The folder of the Fashion-MNIST IDX files; blank: the Debian package's (as {@code train --fashion-dir}). */
    public StringProperty fashionDir() {
        return dataSettings.fashionDir();
    }

    public IntegerProperty classes() {
        return dataSettings.classes();
    }

    public IntegerProperty perClass() {
        return dataSettings.perClass();
    }

    public IntegerProperty trainLimit() {
        return dataSettings.trainLimit();
    }

    public IntegerProperty valLimit() {
        return dataSettings.valLimit();
    }

    public BooleanProperty augment() {
        return dataSettings.augment();
    }

    public IntegerProperty epochs() {
        return epochs;
    }

    public IntegerProperty batchSize() {
        return batchSize;
    }

    public DoubleProperty learningRate() {
        return learningRate;
    }

    public ObjectProperty<TrainingConfig.Optimizer> optimizer() {
        return optimizer;
    }

    /** The momentum of {@link TrainingConfig.Optimizer#NESTEROVS}. */
    public DoubleProperty momentum() {
        return momentum;
    }

    /** L2 weight decay on weights (not biases). */
    public DoubleProperty weightDecay() {
        return weightDecay;
    }

    /** The seed of weights, shuffles, augmentation and dropout. */
    public javafx.beans.property.LongProperty seed() {
        return seed;
    }

    public ObjectProperty<TrainingConfig.Schedule> schedule() {
        return schedule;
    }

    public StringProperty runDirectory() {
        return runDirectory;
    }

    /** Whether a new run trains on a Spark cluster (DL4J's parameter averaging) instead of this machine. */
    public BooleanProperty onSpark() {
        return onSpark;
    }

    /** The Spark master URL: local[N] on this machine, spark://host:7077, yarn... */
    public StringProperty sparkMaster() {
        return sparkMaster;
    }

    /** Spark workers training in parallel; 0: N of local[N] (other masters need it). */
    public IntegerProperty sparkWorkers() {
        return sparkWorkers;
    }

    /** Batches each Spark worker trains between two averagings of the parameters. */
    public IntegerProperty averagingFrequency() {
        return averagingFrequency;
    }

    /** Whether the Spark workers share gradients (SharedTrainingMaster) instead of averaging parameters. */
    public BooleanProperty gradientSharing() {
        return gradientSharing;
    }

    /** Gradient sharing's initial threshold. */
    public DoubleProperty threshold() {
        return threshold;
    }

    // live state

    public ReadOnlyObjectProperty<State> state() {
        return state.getReadOnlyProperty();
    }

    /** The share of the run done, 0..1. */
    public ReadOnlyDoubleProperty progress() {
        return live.progress();
    }

    /** One line: what the run is doing or how it ended. */
    public ReadOnlyStringProperty status() {
        return live.status();
    }

    public ReadOnlyStringProperty speed() {
        return live.speed();
    }

    public ReadOnlyStringProperty eta() {
        return live.eta();
    }

    /** Why the last start failed or the run stopped with an error; empty otherwise. */
    public ReadOnlyStringProperty error() {
        return error.getReadOnlyProperty();
    }

    /** The summary of the run that ended last; null before. */
    public ReadOnlyObjectProperty<RunSummary> summary() {
        return summary.getReadOnlyProperty();
    }

    /** The directory of the current (or last) run. */
    public ReadOnlyObjectProperty<Path> activeRun() {
        return activeRun.getReadOnlyProperty();
    }

    public ObservableList<LossPoint> lossCurve() {
        return live.lossCurve();
    }

    public ObservableList<TrainingListener.EpochMetrics> epochMetrics() {
        return live.epochMetrics();
    }

    public ObservableList<String> warnings() {
        return live.warnings();
    }
}
