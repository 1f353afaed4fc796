package org.cnnworkbench.app.cli;

import java.util.List;
import java.util.Locale;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters.Trunk;
import picocli.CommandLine.Option;

/**
 * The SqueezeNet metaparameters as options, shared by {@code generate} and {@code sweep}. An option not given
 * takes the default of the chosen trunk's family (SqueezeNet v1.0 for imagenet, fashion-squeezenet for small).
 */
final class MetaparameterOptions {

    @Option(names = "--trunk", paramLabel = "imagenet|small", description = "the layers around the Fire modules: "
            + "imagenet (SqueezeNet v1.0: conv1 7x7/2, 3x3/2 pools) or small (inputs of a few dozen pixels: conv1 "
            + "3x3 with batch norm, 2x2/2 pools, batch norm before each pool; defaults = the fashion-squeezenet "
            + "sample) (default: imagenet; small for sweep --train)")
    String trunk;

    @Option(names = "--base-e", paramLabel = "N", description = "expand filters of the first Fire module "
            + "(default: 128; small: 64)")
    Integer baseE;

    @Option(names = "--incr-e", paramLabel = "N", description = "expand filters added every freq modules "
            + "(default: 128; small: 64)")
    Integer incrE;

    @Option(names = "--freq", paramLabel = "N", description = "Fire modules per width (default: 2)")
    Integer freq;

    @Option(names = "--pct-3x3", paramLabel = "SHARE", description = "share of 3x3 expand filters, 0..1 "
            + "(default: 0.5)")
    Double pct3x3;

    @Option(names = "--sr", paramLabel = "RATIO", description = "squeeze ratio SR, > 0 (default: 0.125; small: "
            + "0.25)")
    Double squeezeRatio;

    @Option(names = "--fire-modules", paramLabel = "N", description = "number of Fire modules (default: 8; "
            + "small: 4)")
    Integer fireModules;

    @Option(names = "--pool-after", paramLabel = "LAYERS", split = ",",
            description = "max pool after these layers: 1 = conv1, k = fire k (default: 1,4,8; small: 1,3); "
                    + "'none' for no pool")
    List<String> poolAfter;

    @Option(names = "--classes", paramLabel = "N", description = "outputs of conv10 (default: 1000; small: 10; "
            + "sweep --train: the data's)")
    Integer classes;

    @Option(names = "--input-size", paramLabel = "PIXELS", description = "input height and width (default: 227; "
            + "small: 28; sweep --train on Fashion-MNIST: 28)")
    Integer inputSize;

    @Option(names = "--input-channels", paramLabel = "N", description = "input channels (default: 3; small: 1; "
            + "sweep --train: 1 for Fashion-MNIST, 3 for an image folder)")
    Integer inputChannels;

    @Option(names = "--conv1-filters", paramLabel = "N", description = "filters of conv1 (default: 96; small: 32)")
    Integer conv1Filters;

    @Option(names = "--bypass", paramLabel = "none|simple",
            description = "simple: identity shortcut around every Fire module with as many input as output "
                    + "channels (default: none; small: simple)")
    String bypass;

    /** The chosen trunk, or {@code fallback} when --trunk was not given. */
    Trunk trunk(Trunk fallback) {
        if (trunk == null) {
            return fallback;
        }
        return switch (trunk.toLowerCase(Locale.ROOT)) {
            case "imagenet" -> Trunk.IMAGENET;
            case "small" -> Trunk.SMALL;
            default -> throw new UserException("--trunk is '" + trunk + "'; use imagenet or small");
        };
    }

    /** Whether the input size, channels or classes were given (a trained sweep otherwise takes the data's). */
    boolean gives(String option) {
        return switch (option) {
            case "classes" -> classes != null;
            case "input_size" -> inputSize != null;
            case "input_channels" -> inputChannels != null;
            default -> throw new IllegalArgumentException(option);
        };
    }

    SqueezeNetMetaparameters toMetaparameters() {
        return toMetaparameters(Trunk.IMAGENET);
    }

    /** The options over the defaults of the chosen trunk ({@code fallback} when --trunk was not given). */
    SqueezeNetMetaparameters toMetaparameters(Trunk fallback) {
        SqueezeNetMetaparameters m = SqueezeNetMetaparameters.defaults(trunk(fallback));
        boolean simple = m.simpleBypass();
        if (bypass != null) {
            simple = switch (bypass) {
                case "none" -> false;
                case "simple" -> true;
                default -> throw new UserException("--bypass is '" + bypass + "'; use none or simple");
            };
        }
        return new SqueezeNetMetaparameters(or(baseE, m.baseE()), or(incrE, m.incrE()), or(freq, m.freq()),
                pct3x3 == null ? m.pct3x3() : pct3x3, squeezeRatio == null ? m.squeezeRatio() : squeezeRatio,
                or(fireModules, m.fireModules()), poolAfter == null ? m.poolAfter() : pools(), or(classes, m.classes()),
                or(inputSize, m.inputSize()), or(conv1Filters, m.conv1Filters()), simple,
                or(inputChannels, m.inputChannels()), m.trunk());
    }

    private static int or(Integer given, int fallback) {
        return given == null ? fallback : given;
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
