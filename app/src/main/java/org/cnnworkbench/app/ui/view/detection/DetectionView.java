package org.cnnworkbench.app.ui.view.detection;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The detection viewer: the images on the left with their counts, the selected image in the middle with its
 * ground-truth boxes (solid, class colours), DontCare regions (grey, filled) and predictions (dashed; green a
 * true positive, red a false positive, amber ignored; class colours when there is no ground truth), the filters
 * on the right and a status line below. Up/Down and Page Up/Page Down move between images. The image is decoded
 * in the background, so a large one never holds up the window.
 */
public final class DetectionView extends BorderPane {

    private final DetectionViewModel model;
    private final boolean backgroundLoading;
    private final ListView<DetectionViewModel.Row> list = new ListView<>();
    private final Pane imagePane = new Pane();
    private final Canvas canvas = new Canvas();
    private final VBox classBoxes = new VBox(4);
    private final Label imageMessage = new Label();
    private Image image;
    private volatile int drawnBoxes;

    /**
     * @param backgroundLoading decode images in the background (the window); false decodes on the calling thread
     *                          (an offscreen screenshot, which must see the image at once)
     */
    public DetectionView(DetectionViewModel model, boolean backgroundLoading) {
        this.model = model;
        this.backgroundLoading = backgroundLoading;
        setId("detection-view");
        setPadding(new Insets(6));

        list.setId("detection-images");
        list.setItems(model.rows());
        list.setPrefWidth(260);
        list.setPlaceholder(new Label("no images"));
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(DetectionViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : model.rowText(row));
            }
        });
        list.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            if (now.intValue() >= 0) {
                model.selectedIndex().set(now.intValue());
            }
        });
        model.selectedIndex().addListener((o, was, now) -> selectInList(now.intValue()));
        model.filterRevision().addListener((o, was, now) -> list.refresh());
        model.rows().addListener((ListChangeListener<DetectionViewModel.Row>) c -> selectInList(
                model.selectedIndex().get()));

        imagePane.setId("detection-image");
        imagePane.getChildren().addAll(canvas, imageMessage);
        imagePane.setMinSize(100, 100);
        canvas.widthProperty().bind(imagePane.widthProperty());
        canvas.heightProperty().bind(imagePane.heightProperty());
        canvas.widthProperty().addListener((o, was, now) -> redraw());
        canvas.heightProperty().addListener((o, was, now) -> redraw());
        imageMessage.setId("detection-image-message");
        imageMessage.setPadding(new Insets(8));
        model.selectedImage().addListener((o, was, now) -> loadImage());
        model.boxes().addListener((ListChangeListener<DetectionBox>) c -> redraw());

        setLeft(list);
        setCenter(imagePane);
        setRight(controls());
        setBottom(statusBar());
        BorderPane.setMargin(imagePane, new Insets(0, 6, 0, 6));
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case UP, PAGE_UP -> model.move(-1);
                case DOWN, PAGE_DOWN -> model.move(1);
                default -> {
                    return;
                }
            }
            e.consume();
        });
        selectInList(model.selectedIndex().get());
        loadImage();
    }

    /** Shows {@code model} in a window of its own, owned by {@code owner} (null: none). */
    public static Stage showWindow(Window owner, DetectionViewModel model) {
        Stage window = new Stage();
        if (owner != null) {
            window.initOwner(owner);
        }
        window.setTitle("Detections");
        window.setScene(new Scene(new DetectionView(model, true), 1280, 800));
        window.show();
        return window;
    }

    /** The number of boxes drawn over the image the last time it was drawn. */
    public int drawnBoxes() {
        return drawnBoxes;
    }

    public DetectionViewModel model() {
        return model;
    }

    private VBox controls() {
        Label classes = new Label("Classes");
        classes.setStyle("-fx-font-weight: bold");
        model.classes().addListener((ListChangeListener<String>) c -> fillClasses());
        fillClasses();
        CheckBox dontCare = new CheckBox("DontCare regions");
        dontCare.setId("detection-dontcare");
        dontCare.selectedProperty().bindBidirectional(model.showDontCare());
        CheckBox truth = new CheckBox("Show ground truth");
        truth.setId("detection-show-truth");
        truth.selectedProperty().bindBidirectional(model.showTruth());
        CheckBox predictions = new CheckBox("Show predictions");
        predictions.setId("detection-show-predictions");
        predictions.selectedProperty().bindBidirectional(model.showPredictions());
        Slider score = new Slider(0, 1, model.minScore().get());
        score.setId("detection-min-score");
        score.setShowTickMarks(true);
        score.setMajorTickUnit(0.25);
        score.valueProperty().bindBidirectional(model.minScore());
        Label scoreValue = new Label();
        scoreValue.setId("detection-min-score-value");
        scoreValue.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT,
                "minimum score %.2f", model.minScore().get()), model.minScore()));
        Label legend = new Label("solid: ground truth\ndashed: predictions\ngreen: true positive\n"
                + "red: false positive\namber: ignored (DontCare,\n    neighbouring class)");
        legend.setStyle("-fx-text-fill: #555");
        VBox box = new VBox(6, classes, classBoxes, dontCare, truth, predictions, scoreValue, score, legend);
        box.setPadding(new Insets(0, 0, 0, 6));
        box.setPrefWidth(200);
        return box;
    }

    private void fillClasses() {
        classBoxes.getChildren().clear();
        for (String type : model.classes()) {
            CheckBox box = new CheckBox(type);
            box.setId("detection-class-" + type);
            box.setSelected(model.isClassShown(type));
            box.selectedProperty().addListener((o, was, now) -> model.setClassShown(type, now));
            box.setTextFill(Color.web(DetectionStyle.classColour(type, model.classes())));
            classBoxes.getChildren().add(box);
        }
    }

    private VBox statusBar() {
        Label status = new Label();
        status.setId("detection-status");
        status.textProperty().bind(model.status());
        Label error = new Label();
        error.setId("detection-error");
        error.setStyle("-fx-text-fill: #c62828");
        error.textProperty().bind(model.error());
        error.managedProperty().bind(model.error().isNotEmpty());
        Label warnings = new Label();
        warnings.setId("detection-warnings");
        warnings.setStyle("-fx-text-fill: #8d6e00");
        Tooltip all = new Tooltip();
        warnings.setTooltip(all);
        Runnable fill = () -> {
            int n = model.warnings().size();
            warnings.setText(n == 0 ? "" : "warning: " + model.warnings().get(0)
                    + (n > 1 ? " (and " + (n - 1) + " more; hover to see them)" : ""));
            all.setText(String.join("\n", model.warnings()));
        };
        model.warnings().addListener((ListChangeListener<String>) c -> fill.run());
        fill.run();
        VBox bar = new VBox(2, status, warnings, error);
        bar.setPadding(new Insets(6, 0, 0, 0));
        return bar;
    }

    private void selectInList(int index) {
        if (index >= 0 && index < list.getItems().size() && list.getSelectionModel().getSelectedIndex() != index) {
            list.getSelectionModel().select(index);
            list.scrollTo(Math.max(0, index - 3));
        }
    }

    private void loadImage() {
        if (image != null) {
            image.cancel();
        }
        var file = model.selectedImage().get();
        imageMessage.setText(file == null ? "" : "loading " + file.getFileName() + " ...");
        if (file == null) {
            image = null;
            redraw();
            return;
        }
        Image next = new Image(file.toUri().toString(), backgroundLoading);
        image = next;
        if (next.getProgress() >= 1 || next.isError()) {
            imageLoaded(next);
        } else {
            next.progressProperty().addListener((o, was, now) -> {
                if (now.doubleValue() >= 1 && next == image) {
                    imageLoaded(next);
                }
            });
            // a failed background load need not report full progress
            next.errorProperty().addListener((o, was, now) -> {
                if (now && next == image) {
                    imageLoaded(next);
                }
            });
        }
        redraw();
    }

    private void imageLoaded(Image loaded) {
        imageMessage.setText(loaded.isError() ? "cannot read " + model.selectedImage().get().getFileName() + ": "
                + (loaded.getException() == null ? "not an image" : loaded.getException().getMessage()) : "");
        redraw();
    }

    /** Draws the image scaled to fit, centred, and the boxes over it in the same scale. */
    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.web("#202020"));
        g.fillRect(0, 0, w, h);
        drawnBoxes = 0;
        Image shown = image;
        if (shown == null || shown.isError() || shown.getProgress() < 1 || shown.getWidth() <= 0) {
            return;
        }
        double scale = Math.min(w / shown.getWidth(), h / shown.getHeight());
        double ox = (w - shown.getWidth() * scale) / 2;
        double oy = (h - shown.getHeight() * scale) / 2;
        g.drawImage(shown, ox, oy, shown.getWidth() * scale, shown.getHeight() * scale);
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.TOP);
        for (DetectionBox b : model.boxes()) {
            double x = ox + b.left() * scale;
            double y = oy + b.top() * scale;
            double bw = (b.right() - b.left()) * scale;
            double bh = (b.bottom() - b.top()) * scale;
            Color colour = Color.web(b.colour());
            g.setLineDashes();
            g.setLineWidth(2);
            switch (b.source()) {
                case DONT_CARE -> {
                    g.setFill(colour.deriveColor(0, 1, 1, 0.35));
                    g.fillRect(x, y, bw, bh);
                    g.setLineWidth(1);
                    g.setLineDashes(3, 3);
                }
                case PREDICTION -> g.setLineDashes(6, 4);
                case TRUTH -> { }
            }
            g.setStroke(colour);
            g.strokeRect(x, y, bw, bh);
            g.setLineDashes();
            if (b.source() != DetectionBox.Source.DONT_CARE) {
                caption(g, b.text(), colour, x, b.source() == DetectionBox.Source.TRUTH ? y - 14 : y + bh, oy);
            }
            drawnBoxes++;
        }
    }

    private static void caption(GraphicsContext g, String text, Color colour, double x, double y, double top) {
        double width = text.length() * 6.2 + 4;
        double at = Math.max(top, y);
        g.setFill(colour.deriveColor(0, 1, 1, 0.85));
        g.fillRect(x, at, width, 14);
        g.setFill(Color.WHITE);
        g.fillText(text, x + 2, at + 1);
    }
}
