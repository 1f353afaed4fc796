package org.cnnworkbench.app.ui.view.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.cnnworkbench.engine.dl4j.Predictor;

/**
 * The inference panel's state: a trained model (a run directory) and the top-5 classes of the images the user
 * picked. The model is loaded and images are classified on the {@code io} executor; results arrive on
 * {@code ui}. Testable without the toolkit.
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
    private Predictor predictor;

    public InferenceViewModel(Executor io, Executor ui) {
        this.io = io;
        this.ui = ui;
    }

    /** Loads the model of {@code runDir}; on failure {@link #message()} says why and no model is set. */
    public void loadModel(Path runDir) {
        busy.set(true);
        message.set("loading " + runDir + " ...");
        io.execute(() -> {
            try {
                Predictor p = Predictor.load(runDir);
                ui.execute(() -> {
                    predictor = p;
                    model.set(runDir);
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
