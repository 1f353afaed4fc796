package org.cnnworkbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnworkbench.engine.io.LoadedNetwork;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.io.prototxt.PrototxtImporter;
import org.cnnworkbench.samples.SampleNetworks;

/**
 * Resolves a command-line argument that names a spec file, a Caffe prototxt ({@code .prototxt}: imported with
 * the default options, its skipped layers and import warnings printed as warnings) or a sample network.
 */
final class NetworkSource {

    private NetworkSource() {
    }

    /** The network, after its reader's warnings (one line each; a prototxt's skipped layers) went to {@code err}. */
    static LoadedNetwork load(String fileOrSample, PrintWriter err) {
        LoadedNetwork loaded = load(fileOrSample);
        loaded.warnings().forEach(w -> err.println("workbench: warning: " + w));
        err.flush();
        return loaded;
    }

    private static LoadedNetwork load(String fileOrSample) {
        try {
            Path path = Path.of(fileOrSample);
            if (Files.exists(path)) {
                if (Files.isDirectory(path)) {
                    throw new UserException(fileOrSample + ": is a directory, not a network spec file");
                }
                if (PrototxtImporter.isPrototxt(path)) {
                    return PrototxtImporter.standard().read(path).toLoadedNetwork();
                }
                return NetworkJson.read(path);
            }
            if (SampleNetworks.find(fileOrSample).isPresent()) {
                return SampleNetworks.load(fileOrSample);
            }
        } catch (SpecFormatException e) {
            throw new UserException(e.getMessage());
        } catch (java.nio.file.InvalidPathException e) {
            // not a usable path; it may still be a sample name, handled below
        }
        throw new UserException(fileOrSample + ": no such file or sample network (samples: "
                + String.join(", ", SampleNetworks.names()) + ")");
    }
}
