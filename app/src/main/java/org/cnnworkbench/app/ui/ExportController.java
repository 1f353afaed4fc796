package org.cnnworkbench.app.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.image.WritableImage;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.cnnworkbench.app.export.Exporters;
import org.cnnworkbench.app.export.ReportExporter;
import org.cnnworkbench.app.report.ReportView;
import org.cnnworkbench.app.ui.document.DocumentState;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.dl4j.ModelChoice;
import org.cnnworkbench.engine.io.AtomicFiles;
import org.cnnworkbench.engine.plugin.ExportRequest;
import org.cnnworkbench.engine.plugin.NetworkExporter;

/**
 * File &gt; Export: one item per {@link Exporters exporter} (the spec as JSON with the canvas positions, the DL4J
 * model, the report, and whatever is added there), then the canvas as a PNG and the layer table as CSV. Each asks
 * where to write (a folder for a report), writes on the window's I/O thread and tells the user where it went or
 * why it did not; a declined dialog does nothing.
 */
public final class ExportController {

    private final WorkbenchViewModel vm;
    private final IoThread io;
    private final Notices notices;
    private final Exporters exporters;
    private Window owner;

    ExportController(WorkbenchViewModel vm, IoThread io, Notices notices, Exporters exporters) {
        this.vm = vm;
        this.io = io;
        this.notices = notices;
        this.exporters = exporters;
    }

    void setOwner(Window owner) {
        this.owner = owner;
    }

    /** The exporters the submenu offers, in its order. */
    public List<NetworkExporter> exporters() {
        return exporters.all();
    }

    /**
     * The Export submenu: an item per exporter, labelled with its {@link NetworkExporter#label()} and id
     * {@code menu-export-ID}, then {@code more} (the canvas and table exports of the main window).
     */
    Menu menu(MenuItem... more) {
        List<MenuItem> items = new ArrayList<>();
        for (NetworkExporter exporter : exporters.all()) {
            MenuItem item = new MenuItem(exporter.label() + "...");
            item.setId("menu-export-" + exporter.id());
            item.setOnAction(e -> chooseAndExport(exporter));
            items.add(item);
        }
        if (more.length > 0) {
            items.add(new SeparatorMenuItem());
            items.addAll(List.of(more));
        }
        Menu menu = new Menu("Export");
        menu.setId("menu-export");
        menu.getItems().setAll(items);
        return menu;
    }

    /** Asks where to write (a folder for a report) and exports the open network there. */
    void chooseAndExport(NetworkExporter exporter) {
        if (exporter.needsTrainedRun()) {
            notices.error("Cannot export " + exporter.label() + " from the editor", "It writes a trained model: "
                    + "use 'workbench export SPEC --to " + exporter.id() + " --run RUN-DIR -o TARGET'.");
            return;
        }
        String name = vm.document().get().spec().name();
        Path target;
        if (exporter.writesDirectory()) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Export " + exporter.label() + ": choose a new or empty folder");
            File chosen = chooser.showDialog(owner);
            if (chosen == null) {
                return;
            }
            target = reportFolder(chosen.toPath(), name);
        } else {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export " + exporter.label());
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(exporter.label(),
                    "*." + exporter.fileExtension()));
            chooser.setInitialFileName(name + "." + exporter.fileExtension());
            File chosen = chooser.showSaveDialog(owner);
            if (chosen == null) {
                return;
            }
            target = withExtension(chosen.toPath(), exporter.fileExtension());
        }
        export(exporter, target);
    }

    /**
     * Where a report goes when the user chose {@code chosen}: that folder if it is empty or holds an earlier report,
     * else a new folder {@code NAME-report} in it (so choosing a folder of other files never touches them).
     */
    static Path reportFolder(Path chosen, String networkName) {
        if (ReportExporter.canHoldReport(chosen)) {
            return chosen;
        }
        String safe = networkName.replaceAll("[^A-Za-z0-9._-]+", "_");
        return chosen.resolve((safe.isEmpty() ? "network" : safe) + "-report");
    }

    /**
     * Writes the open network with {@code exporter} to {@code target} on the I/O thread (the JSON with the
     * canvas positions; a DL4J model with fresh weights) and tells the user where it went or why not. Completes
     * on the UI thread with whether it was written.
     */
    public CompletableFuture<Boolean> export(NetworkExporter exporter, Path target) {
        DocumentState state = vm.document().get();
        NetworkExporter configured = Exporters.configured(exporter, state.layout(), ModelChoice.BEST);
        ExportRequest request = ExportRequest.of(state.spec(), vm.analyzer().kinds());
        return write(target, exporter.label(), () -> configured.export(request, target));
    }

    /** The per-layer table as CSV (as {@code analyze --format csv}, model size at the chosen bits). */
    public CompletableFuture<Boolean> exportCsv(Path file) {
        if (vm.report().get() == null) {
            return CompletableFuture.completedFuture(false);
        }
        String csv = new ReportView(vm.report().get(), vm.bits().get(), 1).toCsv();
        return write(file, "Layer table (CSV)", () -> AtomicFiles.writeString(file, csv));
    }

    /** A PNG of {@code node} (the canvas) as it is shown; the snapshot is taken now, the file written later. */
    public CompletableFuture<Boolean> exportPng(Path file, Node node) {
        WritableImage image = node.snapshot(null, null);
        return write(file, "Canvas (PNG)", () -> writePng(image, file));
    }

    /** Asks for a file with {@code extension} and runs {@code export} on it. */
    void chooseAndExport(String what, String extension,
                         java.util.function.Function<Path, CompletableFuture<Boolean>> export) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + what);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, "*." + extension));
        chooser.setInitialFileName(vm.document().get().spec().name() + "." + extension);
        File chosen = chooser.showSaveDialog(owner);
        if (chosen != null) {
            export.apply(withExtension(chosen.toPath(), extension));
        }
    }

    /**
     * {@code file}, or {@code file.extension} when its name has no extension (a name typed into a file dialog
     * without one, which GTK's dialog does not complete), so that the file is recognised by its kind later.
     */
    static Path withExtension(Path file, String extension) {
        return extension.isEmpty() || file.getFileName().toString().contains(".") ? file
                : file.resolveSibling(file.getFileName() + "." + extension);
    }

    /** Writes {@code image} as a PNG under a temporary name, then renames it to {@code file}. */
    static void writePng(WritableImage image, Path file) throws IOException {
        Path temp = AtomicFiles.newTempBeside(file);
        try {
            if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", temp.toFile())) {
                throw new IOException("no PNG writer available");
            }
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private interface IoAction {
        void run() throws Exception;
    }

    private CompletableFuture<Boolean> write(Path target, String what, IoAction action) {
        return io.submit(() -> {
            action.run();
            return true;
        }, "Cannot export " + what + " to " + target.getFileName()).thenApply(done -> {
            done.ifPresent(ok -> notices.info("Exported " + what, "Wrote " + target.toAbsolutePath()));
            return done.isPresent();
        });
    }
}
