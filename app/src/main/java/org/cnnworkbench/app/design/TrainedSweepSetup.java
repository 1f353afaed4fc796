package org.cnnworkbench.app.design;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.design.DesignSweep;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters;
import org.cnnworkbench.engine.design.SweepAxis;
import org.cnnworkbench.engine.dl4j.DataSpec;
import org.cnnworkbench.engine.dl4j.Dl4jConversionException;
import org.cnnworkbench.engine.dl4j.SweepBudget;
import org.cnnworkbench.engine.dl4j.SweepTrainer;
import org.cnnworkbench.engine.dl4j.TrainingConfig;
import org.cnnworkbench.engine.dl4j.TrainingData;
import org.cnnworkbench.engine.model.Shape;

/**
 * The setup of a trained sweep, built as {@code workbench sweep --train} builds it, for any front end: the
 * networks take the data's input (Fashion-MNIST: 1 x 28 x 28; an image folder: 3 channels at the metaparameters'
 * input size) unless the caller fixed it, and the data's number of classes; every point trains with the seeds
 * {@code first .. first + N - 1}; an optional budget then sizes the epochs and the training subset
 * ({@link SweepBudget}).
 *
 * <pre>{@code
 * SqueezeNetMetaparameters base = TrainedSweepSetup.inputFromData(SqueezeNetMetaparameters.smallDefaults(),
 *         data, false, false);
 * TrainedSweepSetup.Prepared p = TrainedSweepSetup.prepare(base, new SweepAxis("sr", 0.125, 0.5, 4), null, data,
 *         TrainingConfig.defaults().withEpochs(3), TrainedSweepSetup.seeds(42, 2), Budget.none(), (pt, r) -> { });
 * SweepTrainer.run(dir, p.setup(), p.data(), listener, cancel);
 * }</pre>
 */
public final class TrainedSweepSetup {

    /** The most seeds a point may be trained with. */
    public static final int MAX_SEEDS = 100;

    private TrainedSweepSetup() {
    }

    /**
     * How to size the sweep: not at all, to about {@code minutes} for the whole sweep, or to at most
     * {@code imagesPerPoint} training images per run in all epochs; 0 means "not this one".
     */
    public record Budget(double minutes, long imagesPerPoint) {

        /**
         * @throws IllegalArgumentException for a negative or infinite value, or both budgets at once
         */
        public Budget {
            if (!(minutes >= 0) || Double.isInfinite(minutes)) {
                throw new IllegalArgumentException("the time budget must be 0 (none) or more minutes, not "
                        + minutes);
            }
            if (imagesPerPoint < 0) {
                throw new IllegalArgumentException("the image budget must be 0 (none) or more images per point, "
                        + "not " + imagesPerPoint);
            }
            if (minutes > 0 && imagesPerPoint > 0) {
                throw new IllegalArgumentException("give a time budget or an image budget, not both");
            }
        }

        public static Budget none() {
            return new Budget(0, 0);
        }

        public static Budget minutes(double minutes) {
            return new Budget(minutes, 0);
        }

        public static Budget images(long imagesPerPoint) {
            return new Budget(0, imagesPerPoint);
        }

        public boolean isNone() {
            return minutes == 0 && imagesPerPoint == 0;
        }
    }

    /** The setup to train and its data, opened at the networks' input (reopened if a budget took a subset). */
    public record Prepared(SweepTrainer.Setup setup, TrainingData data) {
    }

    /**
     * {@code base} with the input of {@code data}: 1 channel for Fashion-MNIST, 3 for an image folder (unless
     * {@code channelsGiven}), and 28 pixels for Fashion-MNIST (unless {@code sizeGiven}; an image folder's images
     * are resized to the metaparameters' input size).
     */
    public static SqueezeNetMetaparameters inputFromData(SqueezeNetMetaparameters base, DataSpec data,
                                                         boolean channelsGiven, boolean sizeGiven) {
        SqueezeNetMetaparameters m = base;
        if (!channelsGiven) {
            m = m.withInputChannels(data.isFashionMnist() ? 1 : 3);
        }
        if (!sizeGiven && data.isFashionMnist()) {
            m = m.withInputSize(28);
        }
        return m;
    }

    /**
     * The seeds {@code first, first + 1, ..., first + count - 1}.
     *
     * @throws IllegalArgumentException unless {@code count} is 1 to {@value #MAX_SEEDS}
     */
    public static List<Long> seeds(long first, int count) {
        if (count < 1 || count > MAX_SEEDS) {
            throw new IllegalArgumentException("seeds is " + count + "; give 1 to " + MAX_SEEDS);
        }
        List<Long> seeds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            seeds.add(first + i);
        }
        return seeds;
    }

    /**
     * Checks that every point makes a network and that the sweep is not too large (before any data is read),
     * opens {@code data} at {@code base}'s input, sets the networks' classes to the data's, and sizes the setup
     * to {@code budget} (a time budget measures every point's training speed first, reporting each to
     * {@code measured}).
     *
     * @throws IOException if the data cannot be read
     * @throws Dl4jConversionException if a point's network cannot be converted (while measuring its speed)
     * @throws IllegalArgumentException if a point makes no network, the sweep has more than
     *         {@value SweepTrainer#MAX_RUNS} runs, the data has fewer classes than {@code data.classes()} asks
     *         for, or the budget is too small for one epoch
     */
    public static Prepared prepare(SqueezeNetMetaparameters base, SweepAxis x, SweepAxis y, DataSpec data,
                                   TrainingConfig config, List<Long> seeds, Budget budget,
                                   SweepBudget.Listener measured) throws IOException, Dl4jConversionException {
        long points = (long) x.values().size() * (y == null ? 1 : y.values().size());
        if (points * seeds.size() > SweepTrainer.MAX_RUNS) {
            throw new IllegalArgumentException("the sweep has " + points + " points x " + seeds.size() + " seeds = "
                    + points * seeds.size() + " runs; at most " + SweepTrainer.MAX_RUNS + " are allowed");
        }
        DesignSweep.sweep(base, x, y);   // a point that makes no network is refused with its reason
        Shape.FeatureMap input = new Shape.FeatureMap(base.inputChannels(), base.inputSize(), base.inputSize());
        TrainingData opened = TrainingData.open(data, input);
        if (data.classes() > 0 && opened.classes().size() != data.classes()) {
            throw new IllegalArgumentException(data.classes() + " classes were asked for, but the data has only "
                    + opened.classes().size());
        }
        SweepTrainer.Setup setup = new SweepTrainer.Setup(base.withClasses(opened.classes().size()), x, y, data,
                config, seeds, "");
        if (budget == null || budget.isNone()) {
            return new Prepared(setup, opened);
        }
        SweepBudget.Choice choice = budget.minutes() > 0
                ? SweepBudget.time(setup, opened, budget.minutes() * 60, measured)
                : SweepBudget.images(setup, opened.train().size(), opened.classes().size(), budget.imagesPerPoint());
        SweepTrainer.Setup sized = choice.setup();
        TrainingData sizedData = sized.data().equals(data) ? opened : TrainingData.open(sized.data(), input);
        return new Prepared(sized, sizedData);
    }
}
