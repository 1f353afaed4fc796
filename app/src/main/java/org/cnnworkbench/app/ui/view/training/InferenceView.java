package org.cnnworkbench.app.ui.view.training;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.cnnworkbench.engine.dl4j.ModelChoice;
import org.cnnworkbench.engine.dl4j.Predictor;

/**
 * The inference panel: choose a trained model (a run directory), add images, see each image with its top-5
 * classes and probabilities. Unreadable images are listed with the reason instead of classes.
 */
public final class InferenceView extends BorderPane {

    private final InferenceViewModel model;
    private final TableView<Predictor.Prediction> table = new TableView<>();

    public InferenceView(InferenceViewModel model, Path runsFolder) {
        this.model = model;
        setId("inference-view");
        setPadding(new Insets(6));

        Button chooseModel = new Button("Choose Model...");
        chooseModel.setId("infer-choose-model");
        chooseModel.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Run directory of a trained model");
            if (runsFolder != null && runsFolder.toFile().isDirectory()) {
                chooser.setInitialDirectory(runsFolder.toFile());
            }
            File dir = chooser.showDialog(window());
            if (dir != null) {
                model.loadModel(dir.toPath());
            }
        });
        Button addImages = new Button("Classify Images...");
        addImages.setId("infer-add-images");
        addImages.disableProperty().bind(model.model().isNull().or(model.busy()));
        addImages.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Images to classify");
            chooser.getExtensionFilters().addAll(
                    new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.JPEG", "*.bmp", "*.gif"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            List<File> files = chooser.showOpenMultipleDialog(window());
            if (files != null) {
                model.classify(files.stream().map(File::toPath).toList());
            }
        });
        ComboBox<ModelChoice> choice = new ComboBox<>(FXCollections.observableArrayList(ModelChoice.values()));
        choice.setId("infer-model-choice");
        choice.setConverter(new StringConverter<>() {
            @Override
            public String toString(ModelChoice c) {
                return choiceLabel(c);
            }

            @Override
            public ModelChoice fromString(String text) {
                return choice.getItems().stream().filter(c -> choiceLabel(c).equals(text)).findFirst().orElse(null);
            }
        });
        choice.valueProperty().bindBidirectional(model.modelChoice());
        choice.disableProperty().bind(model.busy());
        choice.setTooltip(new Tooltip("which model of the run classifies: the epoch with the best validation "
                + "top-1, or the last completed epoch"));
        Label modelLabel = new Label();
        modelLabel.setId("infer-model");
        modelLabel.textProperty().bind(model.model().asString("model: %s"));
        Label fileLabel = new Label();
        fileLabel.setId("infer-model-file");
        fileLabel.textProperty().bind(Bindings.createStringBinding(() -> model.modelFile().get().isEmpty() ? ""
                : "using " + model.modelFile().get(), model.modelFile()));
        Label message = new Label();
        message.setId("infer-message");
        message.textProperty().bind(model.message());

        TableColumn<Predictor.Prediction, String> image = new TableColumn<>("image");
        image.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().source()));
        image.setCellFactory(c -> new TableCell<>() {
            private final ImageView view = new ImageView();

            @Override
            protected void updateItem(String source, boolean empty) {
                super.updateItem(source, empty);
                if (empty || source == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                view.setImage(new Image(Path.of(source).toUri().toString(), 64, 64, true, true, true));
                setGraphic(view);
                setText(Path.of(source).getFileName().toString());
            }
        });
        image.setPrefWidth(240);
        TableColumn<Predictor.Prediction, String> top = new TableColumn<>("top-" + InferenceViewModel.TOP);
        top.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(describe(c.getValue())));
        top.setPrefWidth(420);
        table.getColumns().add(image);
        table.getColumns().add(top);
        table.setItems(model.results());
        table.setId("infer-results");
        table.setPlaceholder(new Label("no images classified yet"));

        HBox buttons = new HBox(6, chooseModel, new Label("use"), choice, addImages);
        buttons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        setTop(new VBox(4, buttons, modelLabel, fileLabel, message));
        setCenter(table);
        BorderPane.setMargin(table, new Insets(6, 0, 0, 0));
    }

    /** One line per class: {@code name  probability%}, or the reason an image was skipped. */
    static String describe(Predictor.Prediction p) {
        if (p.error() != null) {
            return "unreadable: " + p.error();
        }
        return p.classes().stream()
                .map(c -> String.format(Locale.ROOT, "%-16s %6.2f%%", c.name(), 100 * c.probability()))
                .collect(Collectors.joining("\n"));
    }

    /** How the model choice reads in the window. */
    static String choiceLabel(ModelChoice c) {
        return c == null ? "" : c == ModelChoice.BEST ? "best epoch" : "last epoch";
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    public InferenceViewModel model() {
        return model;
    }

    public TableView<Predictor.Prediction> table() {
        return table;
    }

    public static Stage showWindow(Window owner, InferenceViewModel model, Path runsFolder) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Inference — top-" + InferenceViewModel.TOP + " classes");
        stage.setScene(new Scene(new InferenceView(model, runsFolder), 760, 600));
        stage.show();
        return stage;
    }
}
