package org.cnnworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.engine.io.prototxt.PrototxtImport;
import org.cnnworkbench.engine.io.prototxt.PrototxtImporter;
import org.cnnworkbench.engine.kinds.KindRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench import}: a Caffe prototxt as a spec (JSON), with what was skipped on stderr. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import a Caffe network prototxt (NetParameter text format, as in the released SqueezeNet, "
                + "AlexNet and NiN files) as a network spec (see docs/prototxt.md). Layers that cannot be imported "
                + "are listed on stderr with their line; the rest still imports.",
                "Exit status: 0 imported (even with skipped layers), 2 bad input (missing or malformed file)."})
final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the prototxt file")
    Path file;

    @Option(names = {"-o", "--out"}, description = "write the spec to this file (atomically) instead of stdout")
    Path out;

    @Option(names = "--fire", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "recognise SqueezeNet's squeeze/expand/concat layers as fire modules (default: on; "
                    + "--no-fire keeps them as primitive layers)")
    boolean fire;

    @Override
    public Integer call() {
        PrototxtImport imported;
        try {
            imported = new PrototxtImporter(KindRegistry.standard(), new PrototxtImporter.Options(fire)).read(file);
        } catch (SpecFormatException e) {
            throw new UserException(e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        imported.notes().forEach(note -> err.println("workbench: warning: " + note));
        err.flush();
        String json = NetworkJson.write(imported.spec());
        if (out == null) {
            PrintWriter w = spec.commandLine().getOut();
            w.print(json);
            w.flush();
            return ExitCodes.OK;
        }
        try {
            NetworkJson.write(imported.spec(), out);
        } catch (IOException e) {
            throw new UserException(out + ": cannot write: " + e.getMessage());
        }
        int skipped = imported.skipped().size();
        PrintWriter w = spec.commandLine().getOut();
        w.println("imported " + file + " as " + out + ": " + imported.spec().size() + " nodes"
                + (skipped == 0 ? "" : ", " + skipped + (skipped == 1 ? " layer" : " layers")
                + " skipped (listed above)"));
        w.flush();
        return ExitCodes.OK;
    }
}
