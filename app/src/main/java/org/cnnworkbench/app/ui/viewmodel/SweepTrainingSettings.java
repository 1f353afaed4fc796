package org.cnnworkbench.app.ui.viewmodel;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.cnnworkbench.app.design.TrainedSweepSetup;
import org.cnnworkbench.engine.dl4j.DataSpec;
import org.cnnworkbench.engine.dl4j.SweepTrainer;
import org.cnnworkbench.engine.dl4j.TrainingConfig;

/**
 * The settings of a trained sweep as the sweep window edits them: the data (Fashion-MNIST or an image folder,
 * classes, images per class, training and validation limits, augmentation), the training of every run (epochs,
 * batch, learning rate; Adam with a constant rate, as {@code workbench sweep --train}), the seeds, an optional
 * time budget, and the sweep folder. {@link #request()} checks them all before any data is read. Toolkit-free.
 */
public final class SweepTrainingSettings {

    /** Checked settings, ready to start a sweep. */
    public record Request(DataSpec data, TrainingConfig config, List<Long> seeds, TrainedSweepSetup.Budget budget,
                          Path folder) {
    }

    private final DataSettings data = new DataSettings(6_000, 2_000);
    private final IntegerProperty epochs = new SimpleIntegerProperty(this, "epochs", 3);
    private final IntegerProperty batchSize = new SimpleIntegerProperty(this, "batchSize", 64);
    private final DoubleProperty learningRate = new SimpleDoubleProperty(this, "learningRate", 0.001);
    private final IntegerProperty seeds = new SimpleIntegerProperty(this, "seeds", 1);
    private final LongProperty firstSeed = new SimpleLongProperty(this, "firstSeed", 42);
    private final DoubleProperty budgetMinutes = new SimpleDoubleProperty(this, "budgetMinutes", 0);
    private final StringProperty folder = new SimpleStringProperty(this, "folder", "");
    private TrainingConfig others = TrainingConfig.defaults();

    /**
     * The settings, checked: an IllegalArgumentException says what is wrong (a learning rate of 0, no data, an
     * image folder without {@code train/}, no sweep folder, seeds out of range, a negative budget).
     */
    public Request request() {
        String source = data.source();
        if (!source.isEmpty() && !DataSpec.FASHION_MNIST.equals(source)) {
            Path root = path(source, "image folder");
            if (!Files.isDirectory(root.resolve("train"))) {
                throw new IllegalArgumentException(root + " has no train/ folder; an image folder holds "
                        + "train/<class>/ images (and optionally val/<class>/)");
            }
        }
        DataSpec spec = data.spec();
        TrainingConfig config = new TrainingConfig(epochs.get(), batchSize.get(), learningRate.get(),
                others.optimizer(), others.momentum(), others.weightDecay(), firstSeed.get(), others.schedule(),
                TrainingConfig.automaticWorkers());
        List<Long> seedList = TrainedSweepSetup.seeds(firstSeed.get(), seeds.get());
        TrainedSweepSetup.Budget budget = TrainedSweepSetup.Budget.minutes(budgetMinutes.get());
        String text = folder.get() == null ? "" : folder.get().strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("choose a sweep folder");
        }
        return new Request(spec, config, seedList, budget, path(text, "sweep folder"));
    }

    private static Path path(String text, String what) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid " + what + " name: " + e.getReason());
        }
    }

    /** Shows the settings {@code setup} was trained with, and its folder. */
    public void fill(SweepTrainer.Setup setup, Path sweepFolder) {
        TrainingConfig c = setup.config();
        data.fill(setup.data());
        epochs.set(c.epochs());
        batchSize.set(c.batchSize());
        learningRate.set(c.learningRate());
        others = c;
        seeds.set(setup.seeds().size());
        firstSeed.set(setup.seeds().get(0));
        budgetMinutes.set(0);   // the setup was sized already; its budget line says how
        folder.set(sweepFolder.toString());
    }

    /**
     * A new folder under {@code root} named after the swept metaparameters and the time:
     * {@code sweep-sr-pct_3x3-20260102-153000}.
     */
    public static Path suggestFolder(Path root, String parameter, String parameter2) {
        String name = "sweep-" + parameter + (parameter2 == null ? "" : "-" + parameter2) + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return root.resolve(name.replaceAll("[^A-Za-z0-9._-]+", "-"));
    }

    /** {@code fashion-mnist} or the path of an image folder with {@code train/<class>/} (and {@code val/}). */
    public StringProperty dataSource() {
        return data.dataSource();
    }

    /** The folder of the Fashion-MNIST IDX files; blank: the Debian package's. */
    public StringProperty fashionDir() {
        return data.fashionDir();
    }

    /** The first N classes of the data (0: all); the networks get as many outputs. */
    public IntegerProperty classes() {
        return data.classes();
    }

    public IntegerProperty perClass() {
        return data.perClass();
    }

    public IntegerProperty trainLimit() {
        return data.trainLimit();
    }

    public IntegerProperty valLimit() {
        return data.valLimit();
    }

    public BooleanProperty augment() {
        return data.augment();
    }

    /** Epochs of every run. */
    public IntegerProperty epochs() {
        return epochs;
    }

    public IntegerProperty batchSize() {
        return batchSize;
    }

    public DoubleProperty learningRate() {
        return learningRate;
    }

    /** How many seeds every point is trained with (1 to {@value TrainedSweepSetup#MAX_SEEDS}). */
    public IntegerProperty seeds() {
        return seeds;
    }

    /** The first seed; the others follow it ({@code seed, seed + 1, ...}). */
    public LongProperty firstSeed() {
        return firstSeed;
    }

    /** Minutes the whole sweep may take (0: no budget): the epochs and the training subset are sized to it. */
    public DoubleProperty budgetMinutes() {
        return budgetMinutes;
    }

    /** The sweep folder: {@code sweep.json}, {@code runs/}, {@code sweep.csv} and {@code runs.csv} go there. */
    public StringProperty folder() {
        return folder;
    }
}
