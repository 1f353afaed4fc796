package org.cnnworkbench.app.ui.view.design;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.cnnworkbench.app.ui.view.FormControls;
import org.cnnworkbench.app.ui.viewmodel.SweepProgress;
import org.cnnworkbench.app.ui.viewmodel.SweepTrainingSettings;
import org.cnnworkbench.app.ui.viewmodel.SweepTrainingViewModel;
import org.cnnworkbench.engine.dl4j.DataSpec;
import org.cnnworkbench.engine.dl4j.SweepTrainer;

/**
 * The training side of the sweep window: the data and training settings of every run, the seeds, a time budget
 * and the sweep folder; Cancel, Continue and Open Sweep Folder; and the progress of the whole sweep (runs
 * finished, the current run's point, seed, epoch and batch, the sweep's ETA).
 */
final class SweepTrainingPane extends ScrollPane {

    private final SweepTrainingViewModel model;

    SweepTrainingPane(SweepTrainingViewModel model) {
        this.model = model;
        setId("sweep-training");
        setFitToWidth(true);
        setPrefWidth(400);
        BooleanBinding busy = Bindings.createBooleanBinding(model::isBusy, model.state());
        VBox settings = settings(model.settings());
        settings.disableProperty().bind(busy);
        VBox box = new VBox(8, settings, buttons(busy), new Separator(), progress(model.live()));
        box.setPadding(new Insets(0, 10, 0, 0));
        setContent(box);
    }

    private VBox settings(SweepTrainingSettings s) {
        ToggleGroup dataChoice = new ToggleGroup();
        RadioButton fashion = new RadioButton("Fashion-MNIST (1 x 28 x 28)");
        fashion.setId("sweep-data-fashion");
        fashion.setToggleGroup(dataChoice);
        RadioButton folder = new RadioButton("Image folder (train/<class>/, val/<class>/)");
        folder.setId("sweep-data-folder");
        folder.setToggleGroup(dataChoice);
        TextField fashionDir = text("sweep-fashion-dir", "IDX files folder (default: /usr/share/datasets/fashion-mnist)");
        fashionDir.textProperty().bindBidirectional(s.fashionDir());
        TextField folderPath = text("sweep-data-path", "folder with train/ and val/");
        boolean isFashion = DataSpec.FASHION_MNIST.equals(s.dataSource().get());
        (isFashion ? fashion : folder).setSelected(true);
        folderPath.setText(isFashion ? "" : s.dataSource().get());
        Runnable sync = () -> s.dataSource().set(fashion.isSelected() ? DataSpec.FASHION_MNIST : folderPath.getText());
        dataChoice.selectedToggleProperty().addListener((o, was, now) -> sync.run());
        folderPath.textProperty().addListener((o, was, now) -> sync.run());
        s.dataSource().addListener((o, was, now) -> {
            boolean f = DataSpec.FASHION_MNIST.equals(now);
            (f ? fashion : folder).setSelected(true);
            if (!f && !now.equals(folderPath.getText())) {
                folderPath.setText(now);
            }
        });
        fashionDir.disableProperty().bind(fashion.selectedProperty().not());
        folderPath.disableProperty().bind(fashion.selectedProperty());
        Button browseFashion = browse("Fashion-MNIST IDX files", fashionDir);
        browseFashion.disableProperty().bind(fashion.selectedProperty().not());
        Button browseData = browse("Image folder", folderPath);
        browseData.disableProperty().bind(fashion.selectedProperty());

        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(4);
        int row = 0;
        grid.addRow(row++, new Label("classes (0: all)"), FormControls.intSpinner("sweep-classes", s.classes(), 0, 1000));
        grid.addRow(row++, new Label("images per class (0: all)"),
                FormControls.intSpinner("sweep-per-class", s.perClass(), 0, 10_000_000));
        grid.addRow(row++, new Label("training images (0: all)"),
                FormControls.intSpinner("sweep-train-limit", s.trainLimit(), 0, 100_000_000));
        grid.addRow(row++, new Label("validation images (0: all)"),
                FormControls.intSpinner("sweep-val-limit", s.valLimit(), 0, 100_000_000));
        CheckBox augment = new CheckBox("augment (random shift or crop, flip)");
        augment.setId("sweep-augment");
        augment.selectedProperty().bindBidirectional(s.augment());
        grid.add(augment, 0, row++, 2, 1);
        grid.addRow(row++, new Label("epochs per run"), FormControls.intSpinner("sweep-epochs", s.epochs(), 1, 10_000));
        grid.addRow(row++, new Label("batch size"), FormControls.intSpinner("sweep-batch", s.batchSize(), 1, 65_536));
        grid.addRow(row++, new Label("learning rate (Adam)"),
                FormControls.numberField("sweep-lr", s.learningRate(), Double::parseDouble));
        grid.addRow(row++, new Label("seeds per point"), FormControls.intSpinner("sweep-seeds", s.seeds(), 1, 100));
        grid.addRow(row++, new Label("first seed"), FormControls.numberField("sweep-seed", s.firstSeed(),
                Long::parseLong));
        grid.addRow(row++, new Label("time budget, minutes (0: none)"),
                FormControls.numberField("sweep-budget", s.budgetMinutes(), Double::parseDouble));

        TextField sweepFolder = text("sweep-folder", "folder for sweep.json, runs/, sweep.csv");
        sweepFolder.textProperty().bindBidirectional(s.folder());
        if (sweepFolder.getText() == null || sweepFolder.getText().isBlank()) {
            model.newFolder();
        }
        Button chooseFolder = new Button("Browse...");
        chooseFolder.setOnAction(e -> chooseFolder("Sweep folder (an empty one, or a parent for a new one)")
                .ifPresent(dir -> {
                    if (SweepTrainer.isSweep(dir.toPath())) {
                        model.open(dir.toPath());   // a trained sweep: show it, Continue trains the rest
                    } else {
                        s.folder().set(emptyOrNew(dir.toPath(), model.suggestFolder(dir.toPath()).getFileName())
                                .toString());
                    }
                }));
        Button newFolder = new Button("New");
        newFolder.setId("sweep-new-folder");
        newFolder.setOnAction(e -> model.newFolder());
        return new VBox(4, new Label("data (the networks take its input and classes)"), fashion,
                new HBox(4, fashionDir, browseFashion), folder, new HBox(4, folderPath, browseData), grid,
                new Label("sweep folder"), new HBox(4, sweepFolder, chooseFolder, newFolder));
    }

    /** A chosen folder that is empty (or new) is used as it is; otherwise a new folder goes inside it. */
    static Path emptyOrNew(Path chosen, Path suggestedName) {
        try (Stream<Path> files = Files.list(chosen)) {
            if (files.findAny().isEmpty()) {
                return chosen;
            }
        } catch (java.io.IOException e) {
            return chosen;   // not a folder we can list: starting the sweep says why
        }
        return chosen.resolve(suggestedName);
    }

    private HBox buttons(BooleanBinding busy) {
        Button cancel = new Button("Cancel");
        cancel.setId("sweep-cancel");
        cancel.disableProperty().bind(model.state().isNotEqualTo(SweepTrainingViewModel.State.RUNNING));
        cancel.setOnAction(e -> model.cancel());
        Button resume = new Button("Continue");
        resume.setId("sweep-continue");
        resume.disableProperty().bind(busy.or(model.canContinue().not()));
        resume.setOnAction(e -> model.resume());
        Button open = new Button("Open Sweep Folder...");
        open.setId("sweep-open");
        open.disableProperty().bind(busy);
        open.setOnAction(e -> chooseFolder("A trained sweep's folder (with sweep.json)")
                .ifPresent(dir -> model.open(dir.toPath())));
        return new HBox(6, cancel, resume, open);
    }

    private VBox progress(SweepProgress live) {
        Label runs = new Label();
        runs.setId("sweep-runs-done");
        runs.textProperty().bind(Bindings.createStringBinding(() -> live.runsTotal().get() == 0 ? ""
                : live.runsDone().get() + " of " + live.runsTotal().get() + " runs finished", live.runsDone(),
                live.runsTotal()));
        ProgressBar whole = bar("sweep-progress", live.progress());
        ProgressBar run = bar("sweep-run-progress", live.runProgress());
        Label current = wrapped("sweep-current-run", live.currentRun());
        Label detail = wrapped("sweep-run-detail", live.runDetail());
        Label eta = wrapped("sweep-eta", live.eta());
        Label status = wrapped("sweep-status", live.status());
        Label budget = wrapped("sweep-budget-text", model.budget());
        ListView<String> warnings = new ListView<>(model.warnings());
        warnings.setPrefHeight(70);
        TitledPane warningPane = new TitledPane("warnings", warnings);
        warningPane.textProperty().bind(Bindings.size(model.warnings()).asString("warnings (%d)"));
        warningPane.setExpanded(false);
        return new VBox(4, new Label("progress"), runs, whole, current, run, detail, eta, status, budget,
                warningPane);
    }

    private static ProgressBar bar(String id, javafx.beans.value.ObservableDoubleValue value) {
        ProgressBar bar = new ProgressBar();
        bar.setId(id);
        bar.progressProperty().bind(value);
        bar.setMaxWidth(Double.MAX_VALUE);
        return bar;
    }

    private static Label wrapped(String id, javafx.beans.value.ObservableStringValue text) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.textProperty().bind(text);
        return label;
    }

    private static TextField text(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        HBox.setHgrow(field, Priority.ALWAYS);
        return field;
    }

    private Button browse(String title, TextField target) {
        Button b = new Button("Browse...");
        b.setOnAction(e -> chooseFolder(title).ifPresent(f -> target.setText(f.getPath())));
        return b;
    }

    private Optional<File> chooseFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        File root = model.runsRoot().toFile();
        if (root.isDirectory()) {
            chooser.setInitialDirectory(root);
        }
        return Optional.ofNullable(chooser.showDialog(getScene() == null ? null : getScene().getWindow()));
    }
}
