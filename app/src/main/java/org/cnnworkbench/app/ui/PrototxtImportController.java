package org.cnnworkbench.app.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.cnnworkbench.engine.io.LoadedNetwork;
import org.cnnworkbench.engine.io.prototxt.PrototxtImporter;

/**
 * File &gt; Import Caffe Prototxt: a prototxt chosen by the user is imported on the I/O thread (Fire modules
 * recognised, docs/prototxt.md) and opened as a new untitled document, so that saving writes a spec and never
 * touches the prototxt. The layers that were skipped, each with its line and reason, and the import's warnings
 * are shown the way a file opened with warnings is; a file that cannot be read is an error and the open network
 * stays as it was.
 */
final class PrototxtImportController {

    private final FileController files;
    private final Supplier<Window> owner;

    PrototxtImportController(FileController files, Supplier<Window> owner) {
        this.files = files;
        this.owner = owner;
    }

    /** Asks for a prototxt, then for unsaved changes, and imports it. */
    void chooseAndImport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import Caffe Prototxt");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Caffe prototxt", "*.prototxt"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File chosen = chooser.showOpenDialog(owner.get());
        if (chosen != null && files.confirmDiscard()) {
            importFile(chosen.toPath());
        }
    }

    /** Imports {@code file} and opens it untitled; completes with whether it was opened. */
    CompletableFuture<Boolean> importFile(Path file) {
        return files.openUntitled(() -> read(file), "Cannot import " + file.getFileName());
    }

    /** The prototxt as a loaded network whose warnings are its skipped layers and import warnings. */
    static LoadedNetwork read(Path file) throws Exception {
        return PrototxtImporter.standard().read(file).toLoadedNetwork();
    }
}
