package org.cnnworkbench.app.ui.view;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;
import org.cnnworkbench.app.ui.viewmodel.Formats;
import org.cnnworkbench.app.ui.viewmodel.StatusSummary;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.controlsfx.control.StatusBar;

/**
 * The totals of the network (params, MACs, activations, model size at 32-bit and at the chosen bit width),
 * the bit width chooser and whether the network is valid. The status bar's own label, which shows the
 * totals, gets the id {@code status-totals}.
 */
public final class StatusBarView extends StatusBar {

    /** The bit widths offered for the second model size. */
    public static final List<Integer> BIT_WIDTHS = List.of(1, 2, 4, 5, 6, 8, 16, 32);

    private final ObjectProperty<Integer> bits;

    public StatusBarView(WorkbenchViewModel vm) {
        setId("status-bar");
        getStyleClass().add("workbench-status");
        textProperty().bind(Bindings.createStringBinding(
                () -> vm.status().get() == null ? "" : vm.status().get().text(), vm.status()));
        skinProperty().addListener((o, a, b) -> {
            Node label = lookup(".status-label");
            if (label != null) {
                label.setId("status-totals");
            }
        });

        ComboBox<Integer> bitChooser = new ComboBox<>();
        bitChooser.setId("status-bits");
        bitChooser.getItems().setAll(BIT_WIDTHS);
        bitChooser.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer b) {
                return b == null ? "" : b + "-bit";
            }

            @Override
            public Integer fromString(String s) {
                return Integer.valueOf(s.replace("-bit", "").strip());
            }
        });
        bitChooser.setTooltip(new Tooltip("Bit width of the weights for the second model size"));
        bits = vm.bits().asObject();
        bitChooser.valueProperty().bindBidirectional(bits);

        Label validity = new Label();
        validity.setId("status-validity");
        vm.status().addListener((o, a, s) -> showValidity(validity, s));
        showValidity(validity, vm.status().get());
        getRightItems().addAll(bitChooser, validity);
    }

    private static void showValidity(Label label, StatusSummary s) {
        label.setText(Formats.validity(s));
        label.getStyleClass().removeAll("status-valid", "status-invalid");
        if (s != null) {
            label.getStyleClass().add(s.valid() ? "status-valid" : "status-invalid");
        }
    }
}
