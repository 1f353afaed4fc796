package org.cnnworkbench.app.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.cnnworkbench.engine.dl4j.DataSpec;
import org.cnnworkbench.engine.dl4j.TrainingConfig;
import picocli.CommandLine.Option;

/**
 * The data and training options shared by {@code train} and {@code sweep --train} (a picocli mixin). The number of
 * classes is each command's own option: {@code train --classes} picks classes of the data, {@code sweep
 * --classes} also sets the networks' outputs.
 */
final class TrainingOptions {

    enum OptimizerChoice { adam, nesterovs, sgd }

    enum ScheduleChoice { constant, poly }

    @Option(names = {"-d", "--data"}, paramLabel = "fashion-mnist|DIR", defaultValue = "fashion-mnist",
            description = "fashion-mnist, or a folder with train/<class>/ and optionally val/<class>/ images "
                    + "(default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--fashion-dir", paramLabel = "DIR",
            description = "the folder of the Fashion-MNIST IDX files (default: /usr/share/datasets/fashion-mnist)")
    Path fashionDir;

    @Option(names = "--per-class", defaultValue = "0", paramLabel = "M",
            description = "at most M images per class and split (0: all)")
    int perClass;

    @Option(names = "--train-limit", defaultValue = "0", paramLabel = "N",
            description = "at most N training images (0: all)")
    int trainLimit;

    @Option(names = "--val-limit", defaultValue = "0", paramLabel = "N",
            description = "at most N validation images (0: all)")
    int valLimit;

    @Option(names = {"-e", "--epochs"}, paramLabel = "E", description = "epochs in all (default: 10; with "
            + "--resume: the run's own)")
    Integer epochs;

    @Option(names = {"-b", "--batch"}, defaultValue = "64", paramLabel = "B",
            description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "0.001", paramLabel = "RATE",
            description = "learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--lr-schedule", defaultValue = "constant", paramLabel = "constant|poly",
            description = "learning-rate schedule (default: ${DEFAULT-VALUE}); poly lowers the rate linearly, "
                    + "epoch e of E training at RATE x (1 - (e - 1) / E) (Caffe's poly, as SqueezeNet)")
    ScheduleChoice schedule;

    @Option(names = "--no-augment", description = "train on the images as they are (default: a random shift "
            + "and flip for Fashion-MNIST, a random crop and flip for image folders)")
    boolean noAugment;

    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "adam|nesterovs|sgd",
            description = "optimiser (default: ${DEFAULT-VALUE}); nesterovs is SGD with Nesterov momentum")
    OptimizerChoice optimizer;

    @Option(names = "--momentum", defaultValue = "0.9", paramLabel = "M",
            description = "momentum for nesterovs (default: ${DEFAULT-VALUE})")
    double momentum;

    @Option(names = "--weight-decay", defaultValue = "0", paramLabel = "L2",
            description = "L2 weight decay on weights, not biases (default: ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "random seed (default: "
            + "${DEFAULT-VALUE}); the same seed gives the same weights, shuffles and augmentation")
    long seed;

    @Option(names = "--workers", paramLabel = "N", description = "worker threads that each train an equal share "
            + "of every batch on the CPU, averaging their gradients into one update (default: 2 on a machine with "
            + "2 or more cores, else 1; 1: the whole batch at once; docs/dl4j.md)")
    Integer workers;

    /** The training settings, {@code defaultEpochs} unless --epochs was given. */
    TrainingConfig config(int defaultEpochs) {
        try {
            return new TrainingConfig(epochs == null ? defaultEpochs : epochs, batch, lr,
                    TrainingConfig.Optimizer.valueOf(optimizer.name().toUpperCase(Locale.ROOT)), momentum,
                    weightDecay, seed, TrainingConfig.Schedule.valueOf(schedule.name().toUpperCase(Locale.ROOT)),
                    workers == null ? TrainingConfig.automaticWorkers() : workers);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    /** The data, with the first {@code classes} classes (0: all). */
    DataSpec dataSpec(int classes) {
        try {
            return new DataSpec(data, fashionDir == null ? null : fashionDir.toString(), classes, perClass,
                    trainLimit, valLimit, !noAugment);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    /** Whether the data is Fashion-MNIST (grey 28 x 28 images). */
    boolean fashionMnist() {
        return DataSpec.FASHION_MNIST.equals(data);
    }
}
