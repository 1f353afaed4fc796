package org.cnnworkbench.app.ui;

import javafx.scene.input.KeyCombination;

/**
 * Every command of the main window in one place: its label and key binding. Single keys (Delete, F, arrows)
 * are handled by the window only while no text field has the focus, so they are not menu accelerators.
 */
public enum WorkbenchAction {
    NEW("New", "Shortcut+N"),
    OPEN("Open...", "Shortcut+O"),
    /** A Caffe prototxt imported as a new untitled document. */
    IMPORT("Import Caffe Prototxt...", null),
    /** Lists the kept copies of unsaved work that were not restored at start-up. */
    RECOVER("Recover...", null),
    SAVE("Save", "Shortcut+S"),
    SAVE_AS("Save As...", "Shortcut+Shift+S"),
    EXPORT_PNG("Canvas as PNG...", null),
    EXPORT_CSV("Layer Table as CSV...", null),
    QUIT("Quit", "Shortcut+Q"),
    UNDO("Undo", "Shortcut+Z"),
    /** Also Shortcut+Y, registered by the main window. */
    REDO("Redo", "Shortcut+Shift+Z"),
    DELETE("Delete\tDel", null),
    SELECT_ALL("Select All", "Shortcut+A"),
    DUPLICATE("Duplicate", "Shortcut+D"),
    FIND("Find Node...", "Shortcut+F"),
    FIT("Zoom to Fit\tF", null),
    ZOOM_IN("Zoom In", "Shortcut+EQUALS"),
    ZOOM_OUT("Zoom Out", "Shortcut+MINUS"),
    LAYOUT_ALL("Lay Out All", "Shortcut+L"),
    LAYOUT_NEW("Lay Out New Nodes (Keep Positions)", "Shortcut+Shift+L"),
    COMPARE_BEFORE("Compare with Before the Last Edit", "Shortcut+Shift+C"),
    COMPARE_FILE("Compare with File...", null),
    GENERATE_SQUEEZENET("Generate SqueezeNet from Metaparameters...", null),
    DESIGN_SWEEP("Design-Space Sweep...", null),
    TRAINING_SCALING("Data-Parallel Training Scaling...", null),
    TRAIN("Train Network...", "Shortcut+T"),
    TRAINING_RUNS("Training Runs...", null),
    INFERENCE("Classify Images with a Trained Model...", null),
    /** Asks for an image folder (and, optionally, a prediction folder) and shows the boxes on the images. */
    DETECTIONS("Detections...", null),
    /** Asks for a trained run's folder and opens its Compress window. */
    COMPRESS("Compress Model...", null),
    COMPARE_MODELS("Compare Models...", null);

    private final String label;
    private final String accelerator;

    WorkbenchAction(String label, String accelerator) {
        this.label = label;
        this.accelerator = accelerator;
    }

    public String label() {
        return label;
    }

    /** The menu accelerator, or null. */
    public KeyCombination accelerator() {
        return accelerator == null ? null : KeyCombination.keyCombination(accelerator);
    }
}
