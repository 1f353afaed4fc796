package org.cnnworkbench.app.ui.view.detection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.cnnworkbench.engine.data.kitti.KittiLabel;
import org.cnnworkbench.engine.detection.DetectionMatch;
import org.cnnworkbench.engine.detection.DetectionSet;
import org.cnnworkbench.engine.detection.KittiFolders;

/**
 * The detection viewer's state: images (a KITTI root or a folder of images) with their ground-truth and predicted
 * boxes ({@link DetectionSet}), the selected image, and the filters: classes shown, DontCare regions, a minimum
 * score, ground truth and predictions on or off. {@link #boxes()} are what the view draws over the selected image.
 * Folders are read on {@code io}; the result arrives on {@code ui}. Testable without the toolkit.
 *
 * <p>Predictions at or above the minimum score are matched against the image's ground truth
 * ({@link DetectionMatch}) so that each is drawn as a true positive, a false positive or ignored.
 */
public final class DetectionViewModel {

    /** One image in the list: its ground-truth objects (DontCare not counted) and predictions. */
    public record Row(String id, String fileName, int objects, int predictions) {
    }

    private final Executor io;
    private final Executor ui;
    private final ReadOnlyObjectWrapper<DetectionSet> set = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<String> classes = FXCollections.observableArrayList();
    private final Set<String> hiddenClasses = new HashSet<>();
    private final IntegerProperty selectedIndex = new SimpleIntegerProperty(-1);
    private final DoubleProperty minScore = new SimpleDoubleProperty(0);
    private final BooleanProperty showTruth = new SimpleBooleanProperty(true);
    private final BooleanProperty showPredictions = new SimpleBooleanProperty(true);
    private final BooleanProperty showDontCare = new SimpleBooleanProperty(true);
    private final ObservableList<DetectionBox> boxes = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Path> selectedImage = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("no images");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyIntegerWrapper filterRevision = new ReadOnlyIntegerWrapper(0);
    private final ObservableList<Row> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<String> classesView = FXCollections.unmodifiableObservableList(classes);
    private final ObservableList<DetectionBox> boxesView = FXCollections.unmodifiableObservableList(boxes);
    private final ObservableList<String> warningsView = FXCollections.unmodifiableObservableList(warnings);
    private DetectionMatch.Result match;

    public DetectionViewModel(Executor io, Executor ui) {
        this.io = io;
        this.ui = ui;
        selectedIndex.addListener((o, was, now) -> refresh());
        minScore.addListener((o, was, now) -> {
            double clamped = Math.max(0, Math.min(1, now.doubleValue()));
            if (clamped != now.doubleValue()) {
                minScore.set(clamped);
                return;
            }
            filtersChanged();
        });
        showTruth.addListener((o, was, now) -> refresh());
        showPredictions.addListener((o, was, now) -> refresh());
        showDontCare.addListener((o, was, now) -> refresh());
    }

    /**
     * Reads {@code images} (a KITTI root or a folder of images), the ground truth ({@code null}: the KITTI root's
     * label folder, if any) and the predictions ({@code null}: none) on the I/O executor. On failure
     * {@link #error()} says why and what was shown stays.
     */
    public void open(Path images, Path groundTruth, Path predictions) {
        loading.set(true);
        error.set("");
        status.set("reading " + images + " ...");
        io.execute(() -> {
            try {
                DetectionSet loaded = DetectionSet.load(images, groundTruth, predictions);
                ui.execute(() -> {
                    loading.set(false);
                    show(loaded);
                });
            } catch (KittiFolders.FolderException | RuntimeException e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                ui.execute(() -> {
                    loading.set(false);
                    error.set("cannot open the detections: " + why);
                    refresh();
                });
            }
        });
    }

    /** Shows a set already read; the first image is selected and every class shown. */
    public void show(DetectionSet loaded) {
        set.set(loaded);
        error.set("");
        hiddenClasses.clear();
        classes.setAll(loaded.classes());
        warnings.setAll(loaded.warnings());
        rows.setAll(loaded.images().stream().map(i -> new Row(i.id(), i.file().getFileName().toString(), i.objects(),
                i.predictions().size())).toList());
        if (selectedIndex.get() == 0) {
            refresh();
        } else {
            selectedIndex.set(0);
        }
        filterRevision.set(filterRevision.get() + 1);
    }

    /** Selects the image {@code delta} places further (negative: back), stopping at the first and the last. */
    public void move(int delta) {
        if (!rows.isEmpty()) {
            selectedIndex.set(Math.max(0, Math.min(rows.size() - 1, selectedIndex.get() + delta)));
        }
    }

    public boolean isClassShown(String type) {
        return !hiddenClasses.contains(type);
    }

    public void setClassShown(String type, boolean shown) {
        if (shown ? hiddenClasses.remove(type) : hiddenClasses.add(type)) {
            filtersChanged();
        }
    }

    /** Predictions of {@code row}'s image that pass the class and score filters. */
    public int predictionsPassing(Row row) {
        DetectionSet s = set.get();
        int i = rows.indexOf(row);
        return s == null || i < 0 ? 0 : (int) s.images().get(i).predictions().stream().filter(this::passes).count();
    }

    /** How the list shows {@code row}: {@code 000042.png  GT 3  pred 2/5} (predictions shown of all). */
    public String rowText(Row row) {
        DetectionSet s = set.get();
        StringBuilder b = new StringBuilder(row.fileName());
        if (s != null && s.groundTruth() != null) {
            b.append("  GT ").append(row.objects());
        }
        if (s != null && s.predictions() != null) {
            b.append("  pred ").append(predictionsPassing(row)).append('/').append(row.predictions());
        }
        return b.toString();
    }

    private boolean passes(KittiLabel prediction) {
        return isClassShown(prediction.type()) && prediction.score() >= minScore.get();
    }

    private void filtersChanged() {
        filterRevision.set(filterRevision.get() + 1);
        refresh();
    }

    /** Recomputes the boxes, the matching and the status line for the selected image. */
    private void refresh() {
        DetectionSet s = set.get();
        int index = selectedIndex.get();
        if (s == null || index < 0 || index >= s.images().size()) {
            boxes.clear();
            match = null;
            selectedImage.set(null);
            status.set(s == null ? error.get().isEmpty() ? "no images" : error.get() : "no image selected");
            return;
        }
        DetectionSet.Image image = s.images().get(index);
        selectedImage.set(image.file());
        List<KittiLabel> scored = image.predictions().stream().filter(p -> p.score() >= minScore.get()).toList();
        match = s.groundTruth() == null ? null : DetectionMatch.match(image.truth(), scored);
        List<DetectionBox> out = new ArrayList<>();
        int truthShown = 0;
        int truthHidden = 0;
        for (int g = 0; g < image.truth().size(); g++) {
            KittiLabel t = image.truth().get(g);
            boolean shown = t.isDontCare() ? showTruth.get() && showDontCare.get()
                    : showTruth.get() && isClassShown(t.type());
            if (!shown) {
                truthHidden += t.isDontCare() ? 0 : 1;
                continue;
            }
            if (t.isDontCare()) {
                out.add(new DetectionBox(DetectionBox.Source.DONT_CARE, t.type(), t.left(), t.top(), t.right(),
                        t.bottom(), DetectionStyle.DONT_CARE, KittiLabel.DONT_CARE, null));
                continue;
            }
            truthShown++;
            boolean missed = match != null && !scored.isEmpty() && !match.found().get(g);
            out.add(new DetectionBox(DetectionBox.Source.TRUTH, t.type(), t.left(), t.top(), t.right(), t.bottom(),
                    DetectionStyle.classColour(t.type(), classes), t.type() + (missed ? " (missed)" : ""), null));
        }
        int predShown = 0;
        for (int p = 0; p < scored.size(); p++) {
            KittiLabel d = scored.get(p);
            if (!showPredictions.get() || !isClassShown(d.type())) {
                continue;
            }
            predShown++;
            DetectionMatch.Outcome outcome = match == null ? null : match.outcomes().get(p);
            out.add(new DetectionBox(DetectionBox.Source.PREDICTION, d.type(), d.left(), d.top(), d.right(),
                    d.bottom(), outcome == null ? DetectionStyle.classColour(d.type(), classes)
                    : DetectionStyle.outcomeColour(outcome), DetectionStyle.predictionText(d.type(), d.score()),
                    outcome));
        }
        boxes.setAll(out);
        status.set(statusLine(s, index, image, truthShown, truthHidden, predShown,
                image.predictions().size() - predShown));
    }

    private String statusLine(DetectionSet s, int index, DetectionSet.Image image, int truthShown, int truthHidden,
            int predShown, int predHidden) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "image %d of %d: %s", index + 1,
                s.images().size(), image.file().getFileName()));
        if (s.groundTruth() != null) {
            b.append(String.format(Locale.ROOT, "; ground truth %d shown, %d hidden", truthShown, truthHidden));
        }
        if (s.predictions() != null) {
            b.append(String.format(Locale.ROOT, "; predictions %d shown, %d hidden (score >= %.2f)", predShown,
                    predHidden, minScore.get()));
            if (match != null) {
                b.append(String.format(Locale.ROOT, "; TP %d, FP %d, missed %d", match.truePositives(),
                        match.falsePositives(), match.missed()));
            }
        }
        if (!warnings.isEmpty()) {
            b.append("; ").append(warnings.size()).append(warnings.size() == 1 ? " warning" : " warnings");
        }
        return b.toString();
    }

    /** The folders read, or null before any are. */
    public ReadOnlyObjectProperty<DetectionSet> detections() {
        return set.getReadOnlyProperty();
    }

    /** The images in name order. */
    public ObservableList<Row> rows() {
        return rowsView;
    }

    /** The object types of either folder, Car, Pedestrian and Cyclist first (DontCare has its own toggle). */
    public ObservableList<String> classes() {
        return classesView;
    }

    /** The selected image's place in {@link #rows()}; -1 for none. */
    public IntegerProperty selectedIndex() {
        return selectedIndex;
    }

    /** Predictions scored below this (0..1) are hidden and not matched. */
    public DoubleProperty minScore() {
        return minScore;
    }

    public BooleanProperty showTruth() {
        return showTruth;
    }

    public BooleanProperty showPredictions() {
        return showPredictions;
    }

    /** Whether DontCare regions are drawn (with the ground truth). */
    public BooleanProperty showDontCare() {
        return showDontCare;
    }

    /** The boxes to draw over the selected image, ground truth first. */
    public ObservableList<DetectionBox> boxes() {
        return boxesView;
    }

    /** The selected image's file, or null. */
    public ReadOnlyObjectProperty<Path> selectedImage() {
        return selectedImage.getReadOnlyProperty();
    }

    /** One line: image n of m, boxes shown and hidden by the filters, TP/FP/missed, how many warnings. */
    public ReadOnlyStringProperty status() {
        return status.getReadOnlyProperty();
    }

    /** Why the folders could not be opened; empty when they could. */
    public ReadOnlyStringProperty error() {
        return error.getReadOnlyProperty();
    }

    /** Malformed lines (file:line:column) and prediction files without an image. */
    public ObservableList<String> warnings() {
        return warningsView;
    }

    public ReadOnlyBooleanProperty loading() {
        return loading.getReadOnlyProperty();
    }

    /** Counts up whenever the class or score filter changes the list's prediction counts. */
    public ReadOnlyIntegerProperty filterRevision() {
        return filterRevision.getReadOnlyProperty();
    }
}
