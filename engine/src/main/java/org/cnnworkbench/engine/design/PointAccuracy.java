package org.cnnworkbench.engine.design;

import java.util.List;

/**
 * The measured accuracy of one design point over its seeds: the best epoch's validation top-1 of each completed
 * run, their mean, sample standard deviation (n - 1; NaN with one seed), minimum and maximum.
 *
 * @param runs the point's runs, completed or not
 */
public record PointAccuracy(List<TrainedRun> runs) {

    public PointAccuracy {
        runs = List.copyOf(runs);
    }

    /** The completed runs whose validation scored. */
    public List<TrainedRun> measured() {
        return runs.stream().filter(r -> r.completed() && !Double.isNaN(r.bestTop1())).toList();
    }

    public double top1() {
        return mean(measured().stream().mapToDouble(TrainedRun::bestTop1).toArray());
    }

    public double top5() {
        return mean(measured().stream().mapToDouble(TrainedRun::bestTop5).toArray());
    }

    /** The sample standard deviation of the seeds' top-1 (NaN with fewer than two). */
    public double top1Sd() {
        double[] v = measured().stream().mapToDouble(TrainedRun::bestTop1).toArray();
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        double sum = 0;
        for (double x : v) {
            sum += (x - m) * (x - m);
        }
        return Math.sqrt(sum / (v.length - 1));
    }

    public double top1Min() {
        return measured().stream().mapToDouble(TrainedRun::bestTop1).min().orElse(Double.NaN);
    }

    public double top1Max() {
        return measured().stream().mapToDouble(TrainedRun::bestTop1).max().orElse(Double.NaN);
    }

    public double seconds() {
        return mean(measured().stream().mapToDouble(TrainedRun::seconds).toArray());
    }

    public double imagesPerSecond() {
        return mean(measured().stream().mapToDouble(TrainedRun::imagesPerSecond).toArray());
    }

    private static double mean(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }
}
