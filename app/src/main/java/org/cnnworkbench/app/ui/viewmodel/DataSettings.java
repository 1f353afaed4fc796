package org.cnnworkbench.app.ui.viewmodel;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.cnnworkbench.engine.dl4j.DataSpec;

/**
 * The data a training form edits (the Train window, a trained sweep): Fashion-MNIST or an image folder, its IDX
 * folder, classes, images per class, training and validation limits, augmentation. Toolkit-free.
 */
public final class DataSettings {

    private final StringProperty dataSource = new SimpleStringProperty(this, "dataSource", DataSpec.FASHION_MNIST);
    private final StringProperty fashionDir = new SimpleStringProperty(this, "fashionDir", "");
    private final IntegerProperty classes = new SimpleIntegerProperty(this, "classes", 0);
    private final IntegerProperty perClass = new SimpleIntegerProperty(this, "perClass", 0);
    private final IntegerProperty trainLimit;
    private final IntegerProperty valLimit;
    private final BooleanProperty augment = new SimpleBooleanProperty(this, "augment", true);

    /** Settings with these training and validation limits (0: all) and the rest at their defaults. */
    public DataSettings(int trainLimit, int valLimit) {
        this.trainLimit = new SimpleIntegerProperty(this, "trainLimit", trainLimit);
        this.valLimit = new SimpleIntegerProperty(this, "valLimit", valLimit);
    }

    /**
     * The data as set.
     *
     * @throws IllegalArgumentException when no data source is chosen, or a number is out of range
     */
    public DataSpec spec() {
        String source = source();
        if (source.isEmpty()) {
            throw new IllegalArgumentException("choose the data: Fashion-MNIST or an image folder");
        }
        String idx = fashionDir.get() == null || fashionDir.get().isBlank() ? null : fashionDir.get().strip();
        return new DataSpec(source, idx, classes.get(), perClass.get(), trainLimit.get(), valLimit.get(),
                augment.get());
    }

    /** The data source as set, stripped ({@code ""} if none). */
    public String source() {
        return dataSource.get() == null ? "" : dataSource.get().strip();
    }

    /** Shows {@code data}. */
    public void fill(DataSpec data) {
        dataSource.set(data.source());
        fashionDir.set(data.fashionDir() == null ? "" : data.fashionDir());
        classes.set(data.classes());
        perClass.set(data.perClass());
        trainLimit.set(data.trainLimit());
        valLimit.set(data.valLimit());
        augment.set(data.augment());
    }

    /** {@code fashion-mnist} or the path of an image folder with {@code train/<class>/} (and {@code val/}). */
    public StringProperty dataSource() {
        return dataSource;
    }

    /** The folder of the Fashion-MNIST IDX files; blank: the Debian package's (as {@code --fashion-dir}). */
    public StringProperty fashionDir() {
        return fashionDir;
    }

    /** The first N classes of the data (0: all). */
    public IntegerProperty classes() {
        return classes;
    }

    /** At most this many images per class and split (0: all). */
    public IntegerProperty perClass() {
        return perClass;
    }

    /** At most this many training images (0: all). */
    public IntegerProperty trainLimit() {
        return trainLimit;
    }

    /** At most this many validation images (0: all). */
    public IntegerProperty valLimit() {
        return valLimit;
    }

    public BooleanProperty augment() {
        return augment;
    }
}
