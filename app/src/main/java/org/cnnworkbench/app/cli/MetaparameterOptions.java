package org.cnnworkbench.app.cli;

import java.util.List;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters;
import picocli.CommandLine.Option;

/** The SqueezeNet metaparameters as options, shared by {@code generate} and {@code sweep}. */
final class MetaparameterOptions {

    @Option(names = "--base-e", paramLabel = "N", description = "expand filters of the first Fire module (default: 128)")
    int baseE = 128;

    @Option(names = "--incr-e", paramLabel = "N", description = "expand filters added every freq modules (default: 128)")
    int incrE = 128;

    @Option(names = "--freq", paramLabel = "N", description = "Fire modules per width (default: 2)")
    int freq = 2;

    @Option(names = "--pct-3x3", paramLabel = "SHARE", description = "share of 3x3 expand filters, 0..1 (default: 0.5)")
    double pct3x3 = 0.5;

    @Option(names = "--sr", paramLabel = "RATIO", description = "squeeze ratio SR, > 0 (default: 0.125)")
    double squeezeRatio = 0.125;

    @Option(names = "--fire-modules", paramLabel = "N", description = "number of Fire modules (default: 8)")
    int fireModules = 8;

    @Option(names = "--pool-after", paramLabel = "LAYERS", split = ",",
            description = "max pool after these layers: 1 = conv1, k = fire k (default: 1,4,8); 'none' for no pool")
    List<String> poolAfter = List.of("1", "4", "8");

    @Option(names = "--classes", paramLabel = "N", description = "outputs of conv10 (default: 1000)")
    int classes = 1000;

    @Option(names = "--input-size", paramLabel = "PIXELS", description = "input height and width (default: 227)")
    int inputSize = 227;

    @Option(names = "--conv1-filters", paramLabel = "N", description = "filters of conv1 (default: 96)")
    int conv1Filters = 96;

    @Option(names = "--bypass", paramLabel = "none|simple",
            description = "simple: identity shortcut around every Fire module with as many input as output "
                    + "channels (default: none)")
    String bypass = "none";

    SqueezeNetMetaparameters toMetaparameters() {
        boolean simple = switch (bypass) {
            case "none" -> false;
            case "simple" -> true;
            default -> throw new UserException("--bypass is '" + bypass + "'; use none or simple");
        };
        return new SqueezeNetMetaparameters(baseE, incrE, freq, pct3x3, squeezeRatio, fireModules, pools(), classes,
                inputSize, conv1Filters, simple);
    }

    private List<Integer> pools() {
        if (poolAfter.size() == 1 && poolAfter.get(0).equalsIgnoreCase("none")) {
            return List.of();
        }
        return poolAfter.stream().map(s -> {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw new UserException("--pool-after: '" + s + "' is not a layer number; use e.g. 1,4,8 or none");
            }
        }).toList();
    }
}
