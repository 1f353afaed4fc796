package org.cnnworkbench.app.ui.view.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.cnnworkbench.engine.dl4j.ModelChoice;
import org.cnnworkbench.engine.dl4j.Predictor;

/**
 * The inference panel's state: a trained model (a run directory, with its best or its last epoch's model) and
 * the top-5 classes of the images the user picked. The model is loaded and images are classified on the
 * {@code io} executor; results arrive on {@code ui}. Changing {@link #modelChoice()} while a run is loaded loads
 * that run's other model. Testable without the toolkit.
 */
public final class InferenceViewModel {

    /** Classes shown per image. */
    public static final int TOP = 5;

    private final Executor io;
    private final Executor ui;
    private final ReadOnlyObjectWrapper<Path> model = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Predictor.Prediction> results = FXCollections.observableArrayList();
    private final ObservableList<Predictor.Prediction> resultsView =
            FXCollections.unmodifiableObservableList(results);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("choose a trained model (a run directory)");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<ModelChoice> modelChoice = new SimpleObjectProperty<>(ModelChoice.BEST);
    private final ReadOnlyStringWrapper modelFile = new ReadOnlyStringWrapper("");
    private Predictor predictor;

    public InferenceViewModel(Executor io, Executor ui) {
        this.io = io;
        this.ui = ui;
        modelChoice.addListener((o, was, now) -> {
            if (now != null && model.get() != null) {
                loadModel(model.get());
            }
        });
    }

    /**
     * Loads the model of {@code runDir} chosen by {@link #modelChoice()}; on failure {@link #message()} says why
     * and the previous model stays.
     */
    public void loadModel(Path runDir) {
        busy.set(true);
        message.set("loading " + runDir + " ...");
        ModelChoice choice = modelChoice.get() == null ? ModelChoice.BEST : modelChoice.get();
        io.execute(() -> {
            try {
                Predictor p = Predictor.load(runDir, choice);
                ui.execute(() -> {
                    predictor = p;
                    model.set(runDir);
                    modelFile.set(p.model());
                    results.clear();
                    message.set("model " + runDir.getFileName() + ": " + p.classes().size() + " classes, input "
                            + p.pipeline().channels() + " x " + p.pipeline().height() + " x " + p.pipeline().width()
                            + "; add images to classify them"
                            + (p.warnings().isEmpty() ? "" : " (warning: " + String.join("; ", p.warnings()) + ")"));
                    busy.set(false);
                });
            } catch (IOException | RuntimeException e) {
                String why = TrainingViewModel.message(e);
                ui.execute(() -> {
                    message.set("cannot load the model: " + why);
                    busy.set(false);
                });
            }
        });
    }

    /** Classifies {@code files} with the loaded model; the results replace the previous ones. */
    public void classify(List<Path> files) {
        Predictor p = predictor;
        if (p == null) {
            message.set("choose a trained model first");
            return;
        }
        if (files.isEmpty()) {
            return;
        }
        busy.set(true);
        message.set("classifying " + files.size() + " images ...");
        List<Path> copy = List.copyOf(files);
        io.execute(() -> {
            long start = System.nanoTime();
            List<Predictor.Prediction> out;
            try {
                out = p.predictFiles(copy, TOP);
            } catch (RuntimeException e) {
                String why = TrainingViewModel.message(e);
                ui.execute(() -> {
                    message.set("classification failed: " + why);
                    busy.set(false);
                });
                return;
            }
            double ms = (System.nanoTime() - start) / 1e6;
            long unreadable = out.stream().filter(r -> r.error() != null).count();
            String text = String.format(Locale.ROOT, "%d images in %.0f ms (%.1f ms per image)%s", out.size(), ms,
                    ms / out.size(), unreadable == 0 ? "" : "; " + unreadable + " unreadable, skipped");
            ui.execute(() -> {
                results.setAll(out);
                message.set(text);
                busy.set(false);
            });
        });
    }

    /** The run directory of the loaded model; null before one loads. */
    public ReadOnlyObjectProperty<Path> model() {
        return model.getReadOnlyProperty();
    }

    /** Which model of a run to use: the best epoch's (default) or the last epoch's. */
    public ObjectProperty<ModelChoice> modelChoice() {
        return modelChoice;
    }

    /**
     * The model file that was loaded and why, as {@link Predictor#model()} says it, e.g.
     * {@code best-epoch-7.zip (epoch 7, the best validation top-1)}; empty before a model loads.
     */
    public ReadOnlyStringProperty modelFile() {
        return modelFile.getReadOnlyProperty();
    }

    public ObservableList<Predictor.Prediction> results() {
        return resultsView;
    }

    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busy() {
        return busy.getReadOnlyProperty();
    }
}
