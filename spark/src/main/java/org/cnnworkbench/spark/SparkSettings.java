package org.cnnworkbench.spark;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and how a run trains on Spark: the master URL (passed to Spark unchanged: {@code local[N]}, {@code
 * spark://host:7077}, {@code yarn}), the number of workers that train in parallel, how many batches each worker
 * trains between two averagings of the parameters (DL4J's averaging frequency), and whether the workers share
 * gradients instead ({@code SharedTrainingMaster}, with its initial threshold).
 *
 * @param master             the Spark master URL
 * @param workers            workers training in parallel (for {@code local[N]}: N)
 * @param averagingFrequency batches per worker between parameter averagings (with gradient sharing: batches per
 *                           worker in each call to Spark, between which progress and stop are checked)
 * @param mode               parameter averaging or gradient sharing (null, in files written before it: averaging)
 * @param threshold          gradient sharing's initial threshold ({@code AdaptiveThresholdAlgorithm}); 0 with
 *                           averaging
 */
public record SparkSettings(String master, int workers, int averagingFrequency, Mode mode, double threshold) {

    /** DL4J's two data-parallel training masters. */
    public enum Mode {
        /** {@code ParameterAveragingTrainingMaster}: workers train alone, their parameters are averaged. */
        AVERAGING,
        /** {@code SharedTrainingMaster}: workers exchange thresholded, quantised gradient updates (Aeron). */
        SHARING
    }

    /** The default initial threshold of gradient sharing (DL4J's). */
    public static final double DEFAULT_THRESHOLD = 1e-3;

    private static final Pattern LOCAL = Pattern.compile("local\\[(\\d+)]");

    public SparkSettings {
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("a Spark master URL is needed, e.g. local[2] or spark://host:7077");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("at least one Spark worker, not " + workers);
        }
        if (averagingFrequency < 1) {
            throw new IllegalArgumentException("the averaging frequency must be at least 1 batch, not "
                    + averagingFrequency);
        }
        if (mode == null) {
            mode = Mode.AVERAGING;
        }
        if (mode == Mode.SHARING && !(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("the gradient-sharing threshold must be above 0 and below 1, not "
                    + threshold);
        }
        if (mode == Mode.AVERAGING) {
            threshold = 0;
        }
    }

    /** Parameter averaging. */
    public SparkSettings(String master, int workers, int averagingFrequency) {
        this(master, workers, averagingFrequency, Mode.AVERAGING, 0);
    }

    /** These settings with gradient sharing from {@code initialThreshold}. */
    public SparkSettings withSharing(double initialThreshold) {
        return new SparkSettings(master, workers, averagingFrequency, Mode.SHARING, initialThreshold);
    }

    /**
     * The settings for {@code master}: {@code workers} if it is above 0, else N of {@code local[N]} (other masters
     * need it given).
     */
    public static SparkSettings of(String master, int workers, int averagingFrequency) {
        if (workers > 0) {
            return new SparkSettings(master, workers, averagingFrequency);
        }
        Matcher m = LOCAL.matcher(master == null ? "" : master.trim());
        if (m.matches()) {
            return new SparkSettings(master.trim(), Integer.parseInt(m.group(1)), averagingFrequency);
        }
        if ("local".equals(master)) {
            return new SparkSettings(master, 1, averagingFrequency);
        }
        throw new IllegalArgumentException("give the number of Spark workers for master '" + master
                + "': only local[N] says it itself");
    }

    /** Whether {@code master} says its number of workers itself ({@code local}, {@code local[N]}). */
    public static boolean countsItsWorkers(String master) {
        return master != null && (master.trim().equals("local") || LOCAL.matcher(master.trim()).matches());
    }

    /** Whether the master runs inside this process. */
    @JsonIgnore
    public boolean isLocal() {
        return master.equals("local") || master.startsWith("local[");
    }
}
