package org.cnnworkbench.engine.dl4j;

import java.util.List;
import java.util.Locale;
import org.cnnworkbench.engine.design.SqueezeNetGenerator;
import org.cnnworkbench.engine.design.SweepPoint;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sizes a trained sweep to a budget: a time ({@code --max-minutes}) or a number of training images per run
 * ({@code --images-per-point}). The epochs stay as asked while a training subset of at least
 * {@link #MIN_IMAGES_PER_CLASS} images per class fits; below that the epochs go down, to 1. A time budget is
 * turned into images from each point's training speed, measured here on three batches (one to warm up), with
 * validation and the batch-norm re-estimation counted as forward passes at three times that speed and
 * {@link #SECONDS_PER_RUN} per run for building the network and writing its files.
 */
public final class SweepBudget {

    /** The smallest training subset a budget may choose, per class. */
    public static final int MIN_IMAGES_PER_CLASS = 20;
    /** Per run: converting and initialising the network, writing checkpoints and models (measured: 1-3 s). */
    static final double SECONDS_PER_RUN = 3;

    private SweepBudget() {
    }

    /** The sized setup and what was chosen, in words. */
    public record Choice(SweepTrainer.Setup setup, String description) {
    }

    /** Reports each point's measured speed while a time budget is sized. */
    public interface Listener {
        void measured(SweepPoint point, double imagesPerSecond);
    }

    /**
     * The setup with at most {@code images} training images per run in all epochs ({@code epochs x subset}).
     *
     * @throws IllegalArgumentException if not even one epoch of the smallest subset fits
     */
    public static Choice images(SweepTrainer.Setup setup, int available, int classes, long images) {
        int epochs = setup.config().epochs();
        int minimum = minimum(classes, available);
        while (epochs > 1 && images / epochs < minimum) {
            epochs--;
        }
        long subset = Math.min(available, images / epochs);
        if (subset < minimum) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%,d training images per point are too "
                    + "few: at least %,d (%d per class or all the data, one epoch) are needed", images, minimum,
                    MIN_IMAGES_PER_CLASS));
        }
        return choose(setup, epochs, (int) subset, available, String.format(Locale.ROOT,
                "budget of %,d training images per point", images));
    }

    /**
     * The setup sized so that the whole sweep trains in about {@code seconds}; measures the speed of every point
     * on {@code data} (the data of the setup, opened).
     *
     * @throws IllegalArgumentException if not even one epoch of the smallest subset fits
     */
    public static Choice time(SweepTrainer.Setup setup, TrainingData data, double seconds, Listener listener)
            throws Dl4jConversionException {
        List<SweepPoint> points = setup.points();
        double inverseRates = 0;
        for (SweepPoint p : points) {
            double rate = measure(setup, p, data);
            listener.measured(p, rate);
            inverseRates += 1 / rate;
        }
        int runs = points.size() * setup.seeds().size();
        int classes = data.classes().size();
        int available = data.train().size();
        int validation = data.validation().size();
        int minimum = minimum(classes, available);
        for (int epochs = setup.config().epochs(); epochs >= 1; epochs--) {
            // seconds of one image trained in every run: epochs x seeds x sum over points of 1 / rate
            double perImage = epochs * setup.seeds().size() * inverseRates;
            // N + (V + min(2048, N)) / 3 images' worth per epoch must fit the time left after the fixed costs
            double room = (seconds - runs * SECONDS_PER_RUN) / perImage - validation / 3.0;
            int cap = BatchNormStatistics.MAX_IMAGES;
            double n = room >= cap * 4.0 / 3 ? room - cap / 3.0 : room * 3 / 4;
            if (n >= minimum) {
                int subset = (int) Math.min(available, Math.floor(n));
                double estimate = runs * SECONDS_PER_RUN + perImage * (subset + (validation
                        + Math.min(cap, subset)) / 3.0);
                return choose(setup, epochs, subset, available, String.format(Locale.ROOT,
                        "budget of %.0f minutes for %d runs (estimated %.0f minutes from the speed measured on "
                                + "each point)", seconds / 60, runs, estimate / 60));
            }
        }
        double oneEpoch = runs * SECONDS_PER_RUN + setup.seeds().size() * inverseRates
                * (minimum + (validation + minimum) / 3.0);
        throw new IllegalArgumentException(String.format(Locale.ROOT, "%.0f minutes are not enough for %d runs even "
                + "at 1 epoch of %,d images (%d per class or all the data): allow at least %.0f minutes, sweep fewer "
                + "points or seeds, or validate on fewer images", seconds / 60, runs, minimum,
                MIN_IMAGES_PER_CLASS, Math.ceil(oneEpoch / 60)));
    }

    /** {@link #MIN_IMAGES_PER_CLASS} per class, or all the data when it has fewer. */
    private static int minimum(int classes, int available) {
        return Math.max(1, Math.min(MIN_IMAGES_PER_CLASS * classes, available));
    }

    private static Choice choose(SweepTrainer.Setup setup, int epochs, int subset, int available, String why) {
        DataSpec d = setup.data();
        boolean all = subset >= available;
        DataSpec data = all ? d : new DataSpec(d.source(), d.fashionDir(), d.classes(), d.perClass(), subset,
                d.valLimit(), d.augment());
        String description = String.format(Locale.ROOT, "%s: %d epoch%s of %s training images per run", why, epochs,
                epochs == 1 ? "" : "s", all ? "all " + String.format(Locale.ROOT, "%,d", available)
                        : String.format(Locale.ROOT, "%,d of %,d", subset, available));
        return new Choice(setup.withConfig(setup.config().withEpochs(epochs), data, description), description);
    }

    /** Training images per second of one point's network, over two batches after a warm-up batch. */
    static double measure(SweepTrainer.Setup setup, SweepPoint point, TrainingData data)
            throws Dl4jConversionException {
        ConvertedGraph converted = Dl4jConverter.convert(SqueezeNetGenerator.generate(setup.metaparameters(point)));
        ComputationGraph graph = Trainer.newGraph(converted, setup.config());
        boolean spatial = converted.activationShape(converted.outputs().get(0), 1).length == 4;
        SampleBatches batches = new SampleBatches(data.train(), setup.config().batchSize(), data.classes().size(),
                spatial, InputLayout.current(), true, setup.config().seed());
        batches.setEpoch(1);
        long[] images = new long[3];
        long[] nanos = new long[3];
        int fitted = 0;
        for (; fitted < 3 && batches.hasNext(); fitted++) {
            DataSet ds = batches.next();
            long start = System.nanoTime();
            graph.fit(ds);
            nanos[fitted] = System.nanoTime() - start;
            images[fitted] = ds.numExamples();
        }
        // leave out the warm-up batch unless it is the only one
        int from = fitted > 1 ? 1 : 0;
        long n = 0;
        long t = 0;
        for (int b = from; b < fitted; b++) {
            n += images[b];
            t += nanos[b];
        }
        if (n == 0) {
            throw new IllegalArgumentException("the training data has no readable image to measure the speed on");
        }
        return n / Math.max(t / 1e9, 1e-6);
    }
}
