package org.cnnworkbench.app.ui.view.hardware;

import java.util.List;
import javafx.beans.property.Property;
import javafx.scene.control.ComboBox;
import javafx.util.StringConverter;
import org.cnnworkbench.engine.hardware.HardwareProfile;

/** The hardware-profile chooser shared by the estimate and scaling views. */
final class ProfileChooser {

    private ProfileChooser() {
    }

    /** A combo box of {@code profiles}, shown by name, two-way bound to {@code selected}. */
    static ComboBox<HardwareProfile> create(String id, List<HardwareProfile> profiles,
                                            Property<HardwareProfile> selected) {
        ComboBox<HardwareProfile> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(profiles);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(HardwareProfile p) {
                return p == null ? "" : p.name();
            }

            @Override
            public HardwareProfile fromString(String s) {
                return profiles.stream().filter(p -> p.name().equals(s)).findFirst().orElse(null);
            }
        });
        box.valueProperty().bindBidirectional(selected);
        return box;
    }
}
