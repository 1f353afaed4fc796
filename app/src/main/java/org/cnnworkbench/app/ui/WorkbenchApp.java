package org.cnnworkbench.app.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.cnnworkbench.app.ui.files.AppDirs;
import org.cnnworkbench.app.ui.files.RecentFiles;
import org.cnnworkbench.app.ui.files.RecoveryStore;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.io.LoadedNetwork;
import org.cnnworkbench.engine.plugin.Plugins;

/** The desktop application: the main window with a network loaded. */
public final class WorkbenchApp extends Application {

    private static LoadedNetwork initial;
    private static java.nio.file.Path initialFile;
    private FileController files;

    /** Opens the window with {@code network} (read from {@code file}, or a sample when null); blocks until closed. */
    public static void launch(LoadedNetwork network, java.nio.file.Path file) {
        initial = network;
        initialFile = file;
        Application.launch(WorkbenchApp.class);
    }

    @Override
    public void start(Stage stage) {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught(thread, e, System.err));
        WorkbenchViewModel vm = new WorkbenchViewModel(Analyzer.standard(), FxRuntime.analysisThread(),
                Platform::runLater);
        files = new FileController(vm, new RecentFiles(AppDirs.home()), new RecoveryStore(AppDirs.home()));
        vm.open(initial, initialFile);
        MainWindow window = new MainWindow(vm, files);
        window.show(stage, 1440, 900);
        files.offerRecovery();
        files.reportSkippedPlugins(Plugins.installed().failed());
        Platform.runLater(() -> {
            window.canvas().zoomToFit();
            window.canvas().requestFocus();   // so that Delete, F and the arrows act on the graph at once
        });
    }

    /**
     * What a throwable nobody caught (a bug) leaves on stderr: one line, never a stack trace unless
     * {@code WORKBENCH_DEBUG} is set. User mistakes never get here: they are told in dialogs.
     */
    static void uncaught(Thread thread, Throwable e, java.io.PrintStream err) {
        err.println("workbench: internal error in " + thread.getName() + ": " + e
                + " (please report it; set WORKBENCH_DEBUG=1 for details)");
        if (System.getenv("WORKBENCH_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
    }

    @Override
    public void stop() {
        if (files != null) {
            files.shutdown();
        }
    }
}
