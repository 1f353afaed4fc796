package org.cnnworkbench.engine.plugin;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One way of writing a network out of the workbench: a spec format, a framework's model, a report. The
 * {@code export} command offers every exporter by its {@link #id()} ({@code workbench export SPEC --to ID -o
 * TARGET}) and File &gt; Export lists each by its {@link #label()}; the built-in ones and a plugin's are found
 * the same way ({@link WorkbenchPlugin#exporters()}).
 *
 * <pre>{@code
 * final class DotExporter implements NetworkExporter {
 *     public String id() { return "dot"; }
 *     public String label() { return "Graphviz dot"; }
 *     public String fileExtension() { return "dot"; }
 *     public void export(ExportRequest request, Path target) throws IOException {
 *         AtomicFiles.writeString(target, Dot.of(request.spec()));
 *     }
 * }
 * }</pre>
 */
public interface NetworkExporter {

    /** The name after {@code --to}, e.g. {@code prototxt}; lower case, unique among the loaded exporters. */
    String id();

    /** The menu label, e.g. {@code Caffe prototxt}. */
    String label();

    /** The extension of the file written (without the dot), or empty when {@link #writesDirectory()}. */
    String fileExtension();

    /** Whether the target is a directory (a report with its images) rather than one file. */
    default boolean writesDirectory() {
        return false;
    }

    /** Whether the exporter needs trained weights ({@link ExportRequest#run()}) rather than the spec alone. */
    default boolean needsTrainedRun() {
        return false;
    }

    /**
     * Writes the network to {@code target}, replacing what is there only once the new content is complete
     * (atomically for a file). A problem the user can fix (a kind the format cannot express, a run without a
     * model) is an {@link ExportException} with a message that says so; an I/O failure an {@link IOException}.
     */
    void export(ExportRequest request, Path target) throws ExportException, IOException;
}
