package org.cnnworkbench.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cnnworkbench.engine.dl4j.Dl4jConversionException;
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

    /** The exported training batches of a Spark run. */
    public static final String BATCHES = "spark-batches";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SparkTraining() {
    }

    /** Trains {@code spec} from random weights into {@code runDir} on Spark. */
    public static RunSummary train(NetworkSpec spec, TrainingData data, TrainingConfig config, Path runDir,
                                   SparkSettings settings, TrainingListener listener, AtomicBoolean cancel)
            throws Dl4jConversionException, IOException {
        try (SparkEpochFit fit = new SparkEpochFit(settings, runDir.resolve(BATCHES), config.seed())) {
            fit.start();   // a bad master URL fails before the run directory is made
            RunSummary summary = Trainer.train(spec, data, config, runDir, new TrainingListener() {
                @Override
                public void started(RunStart start) {
                    try {
                        write(runDir, settings);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
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
            }, cancel, fit);
            return summary;
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Continues the Spark run in {@code runDir} up to {@code epochs} epochs in all (0: as configured), with
     * {@code settings}, or the run's own when null (the new ones are recorded).
     */
    public static RunSummary resume(Path runDir, int epochs, SparkSettings settings, TrainingListener listener,
                                    AtomicBoolean cancel) throws Dl4jConversionException, IOException {
        SparkSettings use = settings != null ? settings : read(runDir);
        try (SparkEpochFit fit = new SparkEpochFit(use, runDir.resolve(BATCHES),
                new org.cnnworkbench.engine.dl4j.RunDirectory(runDir).config().seed())) {
            fit.start();
            write(runDir, use);
            return Trainer.resume(runDir, epochs, listener, cancel, fit);
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
