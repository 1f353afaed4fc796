package org.cnnworkbench.spark;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and how a run trains on Spark: the master URL (passed to Spark unchanged: {@code local[N]}, {@code
 * spark://host:7077}, {@code yarn}), the number of workers that train in parallel, and how many batches each worker
 * trains between two averagings of the parameters (DL4J's averaging frequency).
 *
 * @param master             the Spark master URL
 * @param workers            workers training in parallel (for {@code local[N]}: N)
 * @param averagingFrequency batches per worker between parameter averagings
 */
public record SparkSettings(String master, int workers, int averagingFrequency) {

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
        throw new IllegalArgumentException("give the number of Spark workers for master " + master
                + " (--spark-workers); only local[N] says it itself");
    }

    /** Whether the master runs inside this process. */
    @JsonIgnore
    public boolean isLocal() {
        return master.equals("local") || master.startsWith("local[");
    }
}
