package org.cnnworkbench.app.ui;

import java.util.List;
import javafx.event.ActionEvent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.cnnworkbench.app.ui.files.RecoveryStore.KeptCopy;

/**
 * File > Recover: the recovery copies the user declined, newest first (network, when it was last changed, the
 * file it came from). Open opens one as unsaved work; Delete removes one for good after asking.
 */
final class KeptCopiesDialog extends Dialog<Void> {

    static final ButtonType OPEN = new ButtonType("Open", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType DELETE = new ButtonType("Delete...", ButtonBar.ButtonData.LEFT);

    /** What the buttons do; the controller does the file work. */
    interface Actions {
        void refresh(KeptCopiesDialog dialog);

        void open(KeptCopy copy);

        void delete(KeptCopy copy, KeptCopiesDialog dialog);
    }

    private final ListView<KeptCopy> list = new ListView<>();
    private final Label empty = new Label("Looking for kept copies...");

    KeptCopiesDialog(Window owner, Actions actions) {
        setTitle("Recover Unsaved Work");
        setHeaderText("Copies of unsaved work that were not restored at start-up");
        if (owner != null) {
            initOwner(owner);
        }
        list.setId("recover-list");
        list.setPrefSize(560, 240);
        list.setPlaceholder(empty);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(KeptCopy copy, boolean isEmpty) {
                super.updateItem(copy, isEmpty);
                setText(isEmpty || copy == null ? null : describe(copy));
            }
        });
        getDialogPane().setContent(new VBox(8, list));
        getDialogPane().getButtonTypes().addAll(DELETE, OPEN, ButtonType.CLOSE);
        Button open = (Button) getDialogPane().lookupButton(OPEN);
        Button delete = (Button) getDialogPane().lookupButton(DELETE);
        open.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        delete.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        open.addEventFilter(ActionEvent.ACTION, e -> {
            KeptCopy copy = list.getSelectionModel().getSelectedItem();
            close();
            actions.open(copy);
            e.consume();
        });
        delete.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();   // the list stays open
            KeptCopy copy = list.getSelectionModel().getSelectedItem();
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete the unsaved copy of '"
                    + copy.networkName() + "' for good?", ButtonType.YES, ButtonType.NO);
            confirm.setHeaderText("Delete a kept copy");
            confirm.initOwner(getDialogPane().getScene().getWindow());
            if (confirm.showAndWait().orElse(ButtonType.NO) == ButtonType.YES) {
                actions.delete(copy, this);
            }
        });
    }

    static String describe(KeptCopy copy) {
        return copy.networkName() + "  ·  " + RecoveryController.TIME.format(copy.savedAt()) + "  ·  "
                + (copy.originalFile() == null ? "never saved" : copy.originalFile().toString());
    }

    /** Shows the copies (on the UI thread). */
    void setCopies(List<KeptCopy> copies) {
        empty.setText("No kept copies.");
        list.getItems().setAll(copies);
    }
}
