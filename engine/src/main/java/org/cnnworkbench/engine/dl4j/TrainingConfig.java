package org.cnnworkbench.engine.dl4j;

/**
 * How to train: the optimiser and its settings, the batch size, the number of epochs and the seed. Saved as
 * {@code config.json} in the run directory, so that {@code resume} continues with the same settings.
 *
 * <pre>{@code
 * TrainingConfig config = TrainingConfig.defaults().withEpochs(5).withLearningRate(0.002);
 * }</pre>
 *
 * @param epochs       the total number of epochs (a resumed run continues up to this number)
 * @param batchSize    images per batch
 * @param learningRate the optimiser's step size
 * @param optimizer    Adam, SGD with Nesterov momentum, or plain SGD
 * @param momentum     the momentum of {@link Optimizer#NESTEROVS} (ignored by the others)
 * @param weightDecay  the L2 coefficient on weights (not biases); 0 for none
 * @param seed         the seed of the weight initialisation, the per-epoch shuffle, augmentation and dropout
 * @param schedule     how the learning rate changes from epoch to epoch (null, as in runs saved before schedules
 *                     existed: constant)
 * @param workers      how many equal shares of each batch are trained at once, one per worker thread, on this
 *                     machine's CPU (docs/dl4j.md, "Training with a worker per core"); 1 (and 0, as in runs saved
 *                     before workers existed): the whole batch on one graph. Batch normalisation then normalises
 *                     each share by its own statistics, so the number is part of how a run trains
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, Optimizer optimizer, double momentum,
                             double weightDecay, long seed, Schedule schedule, int workers) {

    /** The optimisers offered. */
    public enum Optimizer { ADAM, NESTEROVS, SGD }

    /**
     * Learning-rate schedules, stepped once per epoch. {@link #POLY} is Caffe's "poly" policy with power 1 (the
     * one SqueezeNet was trained with): epoch e of E (from 0) uses {@code rate x (1 - e / E)}, so the last
     * epoch trains at {@code rate / E}. The plan is fixed when a run starts; resuming it with more epochs
     * keeps the last epoch's rate.
     */
    public enum Schedule { CONSTANT, POLY }

    /** The same without a schedule argument: a constant rate, one worker. */
    public TrainingConfig(int epochs, int batchSize, double learningRate, Optimizer optimizer, double momentum,
                          double weightDecay, long seed) {
        this(epochs, batchSize, learningRate, optimizer, momentum, weightDecay, seed, Schedule.CONSTANT);
    }

    /** The same without a workers argument: the whole batch on one graph. */
    public TrainingConfig(int epochs, int batchSize, double learningRate, Optimizer optimizer, double momentum,
                          double weightDecay, long seed, Schedule schedule) {
        this(epochs, batchSize, learningRate, optimizer, momentum, weightDecay, seed, schedule, 1);
    }

    /** The most workers a run may ask for. */
    public static final int MAX_WORKERS = 64;

    /**
     * The workers a new run gets unless told otherwise: 2 on a machine with at least 2 cores (a worker per core
     * on this project's 2-core machine, where 4 were slower than 2), else 1.
     */
    public static int automaticWorkers() {
        return Math.min(2, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The largest batch: 65,536 images (FireCaffe trained SqueezeNet at 1,024). Whether a batch fits this
     * machine's memory is checked again when training starts, from the network's activations.
     */
    public static final int MAX_BATCH = 65_536;

    public TrainingConfig {
        if (schedule == null) {
            schedule = Schedule.CONSTANT;
        }
        if (workers == 0) {
            workers = 1;
        }
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be from 1 to " + MAX_WORKERS + ", not " + workers);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, not " + epochs);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("the batch size must be from 1 to " + MAX_BATCH + ", not "
                    + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be positive, not " + learningRate);
        }
        if (optimizer == null) {
            throw new IllegalArgumentException("no optimizer");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), not " + momentum);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be a number of at least 0, not " + weightDecay);
        }
    }

    /**
     * Adam, learning rate 0.001, batch 64, 10 epochs, momentum 0.9 (for Nesterov), no weight decay, seed 42, one
     * worker.
     */
    public static TrainingConfig defaults() {
        return new TrainingConfig(10, 64, 1e-3, Optimizer.ADAM, 0.9, 0, 42, Schedule.CONSTANT, 1);
    }

    public TrainingConfig withEpochs(int n) {
        return new TrainingConfig(n, batchSize, learningRate, optimizer, momentum, weightDecay,
                seed, schedule, workers);
    }

    public TrainingConfig withBatchSize(int n) {
        return new TrainingConfig(epochs, n, learningRate, optimizer, momentum, weightDecay, seed, schedule, workers);
    }

    public TrainingConfig withLearningRate(double lr) {
        return new TrainingConfig(epochs, batchSize, lr, optimizer, momentum, weightDecay, seed, schedule, workers);
    }

    public TrainingConfig withOptimizer(Optimizer o) {
        return new TrainingConfig(epochs, batchSize, learningRate, o, momentum, weightDecay, seed, schedule, workers);
    }

    public TrainingConfig withMomentum(double m) {
        return new TrainingConfig(epochs, batchSize, learningRate, optimizer, m, weightDecay, seed, schedule, workers);
    }

    public TrainingConfig withWeightDecay(double wd) {
        return new TrainingConfig(epochs, batchSize, learningRate, optimizer, momentum, wd, seed, schedule, workers);
    }

    public TrainingConfig withSchedule(Schedule sc) {
        return new TrainingConfig(epochs, batchSize, learningRate, optimizer, momentum, weightDecay, seed, sc, workers);
    }

    /** The learning rate of epoch {@code epoch} (1-based) under {@link #schedule}. */
    public double learningRateOfEpoch(int epoch) {
        return switch (schedule) {
            case CONSTANT -> learningRate;
            case POLY -> learningRate * (1.0 - (double) (Math.min(epoch, epochs) - 1) / epochs);
        };
    }

    public TrainingConfig withWorkers(int w) {
        return new TrainingConfig(epochs, batchSize, learningRate, optimizer, momentum, weightDecay, seed, schedule, w);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(epochs, batchSize, learningRate, optimizer, momentum, weightDecay,
                s, schedule, workers);
    }
}
