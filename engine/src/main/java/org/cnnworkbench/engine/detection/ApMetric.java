package org.cnnworkbench.engine.detection;

/** How the 41-point precision curve of the devkit becomes one average precision. */
public enum ApMetric {
    /** The leaderboard's metric since 2019-10-08: the mean of precision at recall 1/40, 2/40, ..., 40/40. */
    R40("AP_R40"),
    /** The metric before: the mean of precision at recall 0, 0.1, ..., 1 (every fourth of the 41 points). */
    R11("AP_11");

    private final String title;

    ApMetric(String title) {
        this.title = title;
    }

    /** {@code AP_R40} or {@code AP_11}. */
    public String title() {
        return title;
    }

    /** The average precision (0..1) of a curve of {@link KittiEvaluator#SAMPLE_POINTS} values. */
    public double of(double[] precision) {
        double sum = 0;
        int n = 0;
        for (int i = this == R40 ? 1 : 0; i < precision.length; i += this == R40 ? 1 : 4) {
            sum += precision[i];
            n++;
        }
        return sum / n;
    }
}
