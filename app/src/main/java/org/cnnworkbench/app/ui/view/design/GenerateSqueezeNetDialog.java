package org.cnnworkbench.app.ui.view.design;

import javafx.collections.FXCollections;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.cnnworkbench.app.ui.viewmodel.GenerateSqueezeNetViewModel;
import org.cnnworkbench.app.ui.viewmodel.MetaparameterField;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters.Trunk;
import org.cnnworkbench.engine.model.NetworkSpec;

/**
 * "Generate SqueezeNet": a field per metaparameter (the paper's defaults filled in), a refused value's reason
 * under its field, and a live preview of the network's params, MACs and model size. Returns the generated spec;
 * open it with {@code vm.open(DocumentState.of(spec), null)}:
 *
 * <pre>{@code
 * new GenerateSqueezeNetDialog(owner, vm.analyzer()).showAndWait()
 *         .ifPresent(spec -> vm.open(DocumentState.of(spec), null));
 * }</pre>
 */
public final class GenerateSqueezeNetDialog extends Dialog<NetworkSpec> {

    private final GenerateSqueezeNetViewModel model;

    public GenerateSqueezeNetDialog(Window owner, Analyzer analyzer) {
        this(owner, new GenerateSqueezeNetViewModel(analyzer));
    }

    /** The dialog on a form of one's own (filled with chosen metaparameters, say). */
    public GenerateSqueezeNetDialog(Window owner, GenerateSqueezeNetViewModel model) {
        this.model = model;
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Generate SqueezeNet");
        setHeaderText("A SqueezeNet-style network from the metaparameters of Iandola et al. 2016 (Section 5).\n"
                + "Fire module i has e = base_e + incr_e * floor(i / freq) expand filters, round(pct_3x3 * e) "
                + "of them 3x3,\nand max(1, round(SR * e)) squeeze filters. The ImageNet trunk's defaults give "
                + "SqueezeNet v1.0,\nthe small-input trunk's give fashion-squeezenet (1 x 28 x 28 input).");
        setResizable(true);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(2);
        int row = 0;
        ComboBox<Trunk> trunk = new ComboBox<>(FXCollections.observableArrayList(Trunk.values()));
        trunk.setId("meta-trunk");
        trunk.setConverter(new StringConverter<>() {
            @Override
            public String toString(Trunk t) {
                return trunkLabel(t);
            }

            @Override
            public Trunk fromString(String text) {
                return trunk.getItems().stream().filter(t -> trunkLabel(t).equals(text)).findFirst().orElse(null);
            }
        });
        trunk.valueProperty().bindBidirectional(model.trunk());
        trunk.setTooltip(new Tooltip("the layers around the Fire modules; choosing one fills every field with its "
                + "family's defaults"));
        Label trunkLabel = new Label("trunk");
        trunkLabel.setLabelFor(trunk);
        grid.addRow(row++, trunkLabel, trunk);
        for (MetaparameterField f : model.fields()) {
            Label label = new Label(f.label());
            TextField text = new TextField();
            text.setId("meta-" + f.name());
            text.textProperty().bindBidirectional(f.text());
            text.setTooltip(new Tooltip(f.help()));
            text.setPrefColumnCount(10);
            Label error = new Label();
            error.setId("meta-" + f.name() + "-error");
            error.getStyleClass().add("field-error");
            error.setStyle("-fx-text-fill: #b00020;");
            error.textProperty().bind(f.error());
            error.setWrapText(true);
            error.setMaxWidth(420);
            label.setLabelFor(text);
            grid.addRow(row++, label, text, error);
        }
        CheckBox bypass = new CheckBox("simple bypass around Fire modules with equal input and output channels");
        bypass.setId("meta-bypass");
        bypass.selectedProperty().bindBidirectional(model.simpleBypass());
        grid.add(bypass, 0, row++, 3, 1);

        Label preview = new Label();
        preview.setId("generate-preview");
        preview.textProperty().bind(model.preview());
        Label networkError = new Label();
        networkError.setId("generate-error");
        networkError.setStyle("-fx-text-fill: #b00020;");
        networkError.setWrapText(true);
        networkError.setMaxWidth(700);
        networkError.textProperty().bind(model.networkError());

        VBox content = new VBox(10, grid, preview, networkError);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(model.result().isNull());
        setResultConverter(button -> button == ButtonType.OK ? model.result().get() : null);
    }

    /** How the trunk choice reads in the dialog. */
    public static String trunkLabel(Trunk t) {
        return t == null ? "" : t == Trunk.SMALL ? "small input (conv1 3x3, batch norm, 2x2 pools)"
                : "ImageNet (SqueezeNet v1.0: conv1 7x7/2, 3x3/2 pools)";
    }

    /** The form behind the dialog. */
    public GenerateSqueezeNetViewModel model() {
        return model;
    }
}
