package org.cnnworkbench.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cnnworkbench.engine.data.kitti.KittiTrainingData;
import org.cnnworkbench.engine.detection.DetectionSettings;
import org.cnnworkbench.engine.dl4j.DetectionRunInfo;
import org.cnnworkbench.engine.dl4j.DetectionTrainer;
import org.cnnworkbench.engine.dl4j.Dl4jConversionException;
import org.cnnworkbench.engine.dl4j.RunDirectory;
import org.cnnworkbench.engine.dl4j.RunSummary;
import org.cnnworkbench.engine.dl4j.Trainer;
import org.cnnworkbench.engine.dl4j.TrainingConfig;
import org.cnnworkbench.engine.dl4j.TrainingData;
import org.cnnworkbench.engine.dl4j.TrainingListener;
import org.cnnworkbench.engine.io.AtomicFiles;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * Training runs on Spark: the same run directory as {@link Trainer}'s (so {@code runs}, {@code infer}, resume and
 * the Training Runs window read it), plus {@code spark.json} (the cluster settings) and {@code spark-batches/} (the
 * training batches, exported once and read by the workers).
 *
 * <pre>{@code
 * RunSummary s = SparkTraining.train(spec, data, config, runDir, SparkSettings.of("local[2]", 0, 5), listener, cancel);
 * }</pre>
 */
public final class SparkTraining {

    /** The cluster settings of a Spark run. */
    public static final String FILE = "spark.json";

    /** What each Spark executor reported about DL4J's oneDNN fast path when the run (or its resume) started. */
    public static final String EXECUTORS = "spark-executors.json";

    /** The exported training batches of a Spark run. */
    public static final String BATCHES = "spark-batches";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SparkTraining() {
    }

    /** Trains {@code spec} from random weights into {@code runDir} on Spark. */
    public static RunSummary train(NetworkSpec spec, TrainingData data, TrainingConfig config, Path runDir,
                                   SparkSettings settings, TrainingListener listener, AtomicBoolean cancel)
            throws Dl4jConversionException, IOException {
        return onSpark(runDir, settings, config.seed(), listener,
                (recording, fit) -> Trainer.train(spec, data, config, runDir, recording, cancel, fit));
    }

    /**
     * Trains the detector {@code spec} (a network ending in a convdet head) from random weights into {@code
     * runDir} on Spark, on the opened KITTI folder {@code data} with the detection {@code detection} settings.
     */
    public static RunSummary trainDetection(NetworkSpec spec, KittiTrainingData data, TrainingConfig config,
                                            DetectionSettings detection, Path runDir, SparkSettings settings,
                                            TrainingListener listener, AtomicBoolean cancel)
            throws Dl4jConversionException, IOException {
        return onSpark(runDir, settings, config.seed(), listener, (recording, fit) -> DetectionTrainer.train(spec,
                data, config, detection, runDir, recording, cancel, fit));
    }

    /**
     * Continues the run in {@code runDir} (classification or detection) on Spark up to {@code epochs} epochs in
     * all (0: as configured), with {@code settings}, or the run's own when null (the new ones are recorded). A run
     * trained on this machine continues on Spark from its last checkpoint.
     */
    public static RunSummary resume(Path runDir, int epochs, SparkSettings settings, TrainingListener listener,
                                    AtomicBoolean cancel) throws Dl4jConversionException, IOException {
        SparkSettings use = settings != null ? settings : read(runDir);
        boolean detection = DetectionRunInfo.isDetectionRun(runDir);
        return onSpark(runDir, use, new RunDirectory(runDir).config().seed(), listener, (recording, fit) -> {
            recording.record();   // before the resume goes on
            return detection ? DetectionTrainer.resume(runDir, epochs, listener, cancel, fit)
                    : Trainer.resume(runDir, epochs, listener, cancel, fit);
        });
    }

    @FunctionalInterface
    private interface SparkRun {
        /** Trains with {@code fit}; {@code recording} writes spark.json when the run directory exists. */
        RunSummary call(Recording recording, SparkEpochFit fit) throws Dl4jConversionException, IOException;
    }

    /** Forwards to a listener; records the settings and the executors in the run directory when the run starts. */
    private static final class Recording implements TrainingListener {
        private final Path runDir;
        private final SparkSettings settings;
        private final List<WorkerFastPath> workers;
        private final TrainingListener listener;

        Recording(Path runDir, SparkSettings settings, List<WorkerFastPath> workers, TrainingListener listener) {
            this.runDir = runDir;
            this.settings = settings;
            this.workers = workers;
            this.listener = listener;
        }

        /** Writes spark.json and spark-executors.json (the run directory exists). */
        void record() throws IOException {
            write(runDir, settings);
            AtomicFiles.writeString(runDir.resolve(EXECUTORS), JSON.writeValueAsString(workers));
        }

        @Override
        public void started(RunStart start) {
            try {
                record();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            listener.started(start);
        }

        @Override
        public void progress(Progress progress) {
            listener.progress(progress);
        }

        @Override
        public void epochEnded(EpochMetrics metrics) {
            listener.epochEnded(metrics);
        }

        @Override
        public void warning(String message) {
            listener.warning(message);
        }
    }

    /**
     * Starts Spark (a bad master URL fails before the run directory is made), sets up and checks the executors'
     * fast path (a warning for each without it), then runs {@code run}, writing {@code spark.json} and {@code
     * spark-executors.json} once the run has started (its directory exists).
     */
    private static RunSummary onSpark(Path runDir, SparkSettings settings, long seed, TrainingListener listener,
                                      SparkRun run) throws Dl4jConversionException, IOException {
        try (SparkEpochFit fit = new SparkEpochFit(settings, runDir.resolve(BATCHES), seed)) {
            fit.start();
            List<WorkerFastPath> workers = fit.workerFastPath();
            for (WorkerFastPath worker : workers) {
                if (!worker.engaged()) {
                    listener.warning("Spark executor " + worker.executor() + " trains without DL4J's oneDNN fast "
                            + "path (slower): " + worker.description() + "; see docs/spark.md");
                }
            }
            return run.call(new Recording(runDir, settings, workers, listener), fit);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Whether {@code runDir} holds a run trained on Spark. */
    public static boolean isSparkRun(Path runDir) {
        return Files.isRegularFile(runDir.resolve(FILE));
    }

    /** The cluster settings a Spark run recorded. */
    public static SparkSettings read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        try {
            return JSON.readValue(file.toFile(), SparkSettings.class);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not readable Spark settings (" + e.getMessage() + ")", e);
        }
    }

    static void write(Path runDir, SparkSettings settings) throws IOException {
        AtomicFiles.writeString(runDir.resolve(FILE), JSON.writeValueAsString(settings));
    }
}
