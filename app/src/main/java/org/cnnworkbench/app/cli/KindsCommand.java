package org.cnnworkbench.app.cli;

import java.io.PrintWriter;
import org.cnnworkbench.engine.kinds.KindDescriptor;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.cnnworkbench.engine.kinds.LayerKind;
import org.cnnworkbench.engine.kinds.ParamSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench kinds}: the node kinds a spec may use, with their parameters. */
@Command(name = "kinds", mixinStandardHelpOptions = true,
        description = "List the node kinds and their parameters (types, defaults, ranges).")
final class KindsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "KIND", description = "show only this kind")
    String only;

    @Override
    public void run() {
        KindRegistry kinds = KindRegistry.standard();
        if (only != null && kinds.find(only).isEmpty()) {
            throw new UserException("unknown kind '" + only + "' (known kinds: " + String.join(", ", kinds.names())
                    + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        for (LayerKind unit : kinds.units()) {
            KindDescriptor kind = unit.descriptor();
            if (only != null && !only.equals(kind.name())) {
                continue;
            }
            out.printf("%s  [%s, %s%s]%n    %s%n", kind.name(), kind.category().label(), kind.arity().describe(),
                    unit.isBuiltIn() ? "" : ", plugin " + unit.plugin(), kind.description());
            for (ParamSpec p : kind.parameters()) {
                out.printf("    %-10s %s; %s%s%n", p.name(), p.description(), p.accepted(),
                        p.required() ? "; required" : "; default " + p.defaultValue());
            }
            out.println();
        }
        out.flush();
    }
}
