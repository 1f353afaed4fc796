package org.cnnworkbench.engine.design;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The metaparameters of a SqueezeNet-style network (Iandola et al. 2016, arXiv:1602.07360, Section 5), plus the
 * layout knobs the paper keeps fixed. Fire module {@code i} (0-based, named {@code fire(i+2)}) has
 * {@code e_i = base_e + incr_e * floor(i / freq)} expand filters, of which {@code round(pct_3x3 * e_i)} are 3x3,
 * and {@code max(1, round(SR * e_i))} squeeze filters; see {@link SqueezeNetGenerator} for the rounding rules.
 *
 * <p>The record accepts any values; {@link #problems()} says which ones make no network, and
 * {@link SqueezeNetGenerator#generate} refuses them. Edits return a new record:
 *
 * <pre>{@code
 * NetworkSpec wide = SqueezeNetGenerator.generate(SqueezeNetMetaparameters.defaults().withSqueezeRatio(0.75));
 * }</pre>
 *
 * @param baseE expand filters of the first Fire module ({@code base_e}, at least 1)
 * @param incrE expand filters added every {@code freq} modules ({@code incr_e}, at least 0)
 * @param freq how many consecutive Fire modules share a width ({@code freq}, at least 1)
 * @param pct3x3 share of 3x3 filters in each expand layer ({@code pct_3x3}, in [0, 1])
 * @param squeezeRatio squeeze filters per expand filter ({@code SR}, greater than 0)
 * @param fireModules number of Fire modules (at least 1; 8 in SqueezeNet)
 * @param poolAfter layers followed by a max pool (3x3/2, or 2x2/2 in the small trunk), numbered as in the paper:
 *        1 is conv1, {@code k} is fire{@code k} (2 .. fireModules + 1); SqueezeNet v1.0 pools after 1, 4 and 8
 * @param classes outputs of conv10 (at least 1)
 * @param inputSize height and width of the input image (227 in SqueezeNet v1.0)
 * @param conv1Filters filters of conv1 (96 in SqueezeNet v1.0)
 * @param simpleBypass the paper's "simple bypass": an identity shortcut around every Fire module whose input
 *        has as many channels as its output (fire3, fire5, fire7 and fire9 with the defaults)
 * @param inputChannels channels of the input image (3 in SqueezeNet; 1 for grey images such as Fashion-MNIST)
 * @param trunk the layers around the Fire modules ({@code null} reads as {@link Trunk#IMAGENET})
 */
public record SqueezeNetMetaparameters(int baseE, int incrE, int freq, double pct3x3, double squeezeRatio,
        int fireModules, List<Integer> poolAfter, int classes, int inputSize, int conv1Filters,
        boolean simpleBypass, int inputChannels, Trunk trunk) {

    /**
     * The layers before the first and after the last Fire module. {@link #IMAGENET}: SqueezeNet v1.0's (conv1
     * 7x7/2 with ReLU, 3x3/2 max pools with Caffe's ceil rounding, dropout 0.5, conv10 with ReLU). {@link #SMALL},
     * for inputs of a few dozen pixels such as Fashion-MNIST's 28x28: conv1 3x3/1 with padding 1 and no bias,
     * batch norm and ReLU; 2x2/2 max pools; batch norm after every Fire module that a pool follows and after the
     * last one; dropout 0.3; a linear conv10. Its defaults ({@link #smallDefaults()}) give the nodes of the
     * {@code fashion-squeezenet} sample.
     */
    public enum Trunk { IMAGENET, SMALL }

    /** Sweepable metaparameters, by their names in the paper. */
    public static final List<String> SWEEPABLE = List.of("base_e", "incr_e", "freq", "pct_3x3", "sr");

    public SqueezeNetMetaparameters {
        poolAfter = List.copyOf(Objects.requireNonNull(poolAfter, "poolAfter"));
        trunk = trunk == null ? Trunk.IMAGENET : trunk;
    }

    /**
     * The most Fire modules a generated network may have: 1,000, far beyond any published design (SqueezeNet
     * has 8), yet small enough that a mistyped count cannot exhaust memory.
     */
    public static final int MAX_FIRE_MODULES = 1000;

    /** SqueezeNet v1.0: base_e 128, incr_e 128, freq 2, pct_3x3 0.5, SR 0.125, 8 Fire modules, 1000 classes. */
    public static SqueezeNetMetaparameters defaults() {
        return new SqueezeNetMetaparameters(128, 128, 2, 0.5, 0.125, 8, List.of(1, 4, 8), 1000, 227, 96, false, 3,
                Trunk.IMAGENET);
    }

    /**
     * The small-input family's defaults, those of the {@code fashion-squeezenet} sample: 1 x 28 x 28 input, conv1
     * 32 filters, base_e 64, incr_e 64, freq 2, pct_3x3 0.5, SR 0.25, 4 Fire modules, pools after conv1 and
     * fire3, simple bypass, 10 classes.
     */
    public static SqueezeNetMetaparameters smallDefaults() {
        return new SqueezeNetMetaparameters(64, 64, 2, 0.5, 0.25, 4, List.of(1, 3), 10, 28, 32, true, 1, Trunk.SMALL);
    }

    /** The defaults of {@code trunk}'s family. */
    public static SqueezeNetMetaparameters defaults(Trunk trunk) {
        return trunk == Trunk.SMALL ? smallDefaults() : defaults();
    }

    public SqueezeNetMetaparameters withInputChannels(int v) {
        return new SqueezeNetMetaparameters(baseE, incrE, freq, pct3x3, squeezeRatio, fireModules, poolAfter, classes,
                inputSize, conv1Filters, simpleBypass, v, trunk);
    }

    public SqueezeNetMetaparameters withBaseE(int v) {
        return new SqueezeNetMetaparameters(v, incrE, freq, pct3x3, squeezeRatio, fireModules, poolAfter, classes,
                inputSize, conv1Filters, simpleBypass, inputChannels, trunk);
    }

    public SqueezeNetMetaparameters withIncrE(int v) {
        return new SqueezeNetMetaparameters(baseE, v, freq, pct3x3, squeezeRatio, fireModules, poolAfter, classes,
                inputSize, conv1Filters, simpleBypass, inputChannels, trunk);
    }

    public SqueezeNetMetaparameters withFreq(int v) {
        return new SqueezeNetMetaparameters(baseE, incrE, v, pct3x3, squeezeRatio, fireModules, poolAfter, classes,
                inputSize, conv1Filters, simpleBypass, inputChannels, trunk);
    }

    public SqueezeNetMetaparameters withPct3x3(double v) {
        return new SqueezeNetMetaparameters(baseE, incrE, freq, v, squeezeRatio, fireModules, poolAfter, classes,
                inputSize, conv1Filters, simpleBypass, inputChannels, trunk);
    }

    public SqueezeNetMetaparameters withSqueezeRatio(double v) {
        return new SqueezeNetMetaparameters(baseE, incrE, freq, pct3x3, v, fireModules, poolAfter, classes,
                inputSize, conv1Filters, simpleBypass, inputChannels, trunk);
    }

    public SqueezeNetMetaparameters withFireModules(int v) {
        return new SqueezeNetMetaparameters(baseE, incrE, freq, pct3x3, squeezeRatio, v, poolAfter, classes,
                inputSize, conv1Filters, simpleBypass, inputChannels, trunk);
    }

    public SqueezeNetMetaparameters withPoolAfter(List<Integer> v) {
        return new SqueezeNetMetaparameters(baseE, incrE, freq, pct3x3, squeezeRatio, fireModules, v, classes,
                inputSize, conv1Filters, simpleBypass, inputChannels, trunk);
    }

    public SqueezeNetMetaparameters withClasses(int v) {
        return new SqueezeNetMetaparameters(baseE, incrE, freq, pct3x3, squeezeRatio, fireModules, poolAfter, v,
                inputSize, conv1Filters, simpleBypass, inputChannels, trunk);
    }

    public SqueezeNetMetaparameters withInputSize(int v) {
        return new SqueezeNetMetaparameters(baseE, incrE, freq, pct3x3, squeezeRatio, fireModules, poolAfter, classes,
                v, conv1Filters, simpleBypass, inputChannels, trunk);
    }

    public SqueezeNetMetaparameters withConv1Filters(int v) {
        return new SqueezeNetMetaparameters(baseE, incrE, freq, pct3x3, squeezeRatio, fireModules, poolAfter, classes,
                inputSize, v, simpleBypass, inputChannels, trunk);
    }

    public SqueezeNetMetaparameters withSimpleBypass(boolean v) {
        return new SqueezeNetMetaparameters(baseE, incrE, freq, pct3x3, squeezeRatio, fireModules, poolAfter, classes,
                inputSize, conv1Filters, v, inputChannels, trunk);
    }

    /**
     * This record with one {@linkplain #SWEEPABLE sweepable} metaparameter set by its paper name; integer
     * parameters ({@code base_e}, {@code incr_e}, {@code freq}) take the nearest integer.
     *
     * @throws IllegalArgumentException for an unknown name or a value that is not finite
     */
    public SqueezeNetMetaparameters with(String parameter, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(parameter + " must be a finite number, not " + value);
        }
        return switch (parameter) {
            case "base_e" -> withBaseE(toInt(parameter, value));
            case "incr_e" -> withIncrE(toInt(parameter, value));
            case "freq" -> withFreq(toInt(parameter, value));
            case "pct_3x3" -> withPct3x3(value);
            case "sr" -> withSqueezeRatio(value);
            default -> throw new IllegalArgumentException("unknown metaparameter '" + parameter
                    + "'; the sweepable ones are " + String.join(", ", SWEEPABLE));
        };
    }

    /** The value of a {@linkplain #SWEEPABLE sweepable} metaparameter by its paper name. */
    public double get(String parameter) {
        return switch (parameter) {
            case "base_e" -> baseE;
            case "incr_e" -> incrE;
            case "freq" -> freq;
            case "pct_3x3" -> pct3x3;
            case "sr" -> squeezeRatio;
            default -> throw new IllegalArgumentException("unknown metaparameter '" + parameter
                    + "'; the sweepable ones are " + String.join(", ", SWEEPABLE));
        };
    }

    /** Whether the named sweepable metaparameter is an integer (its swept values are rounded). */
    public static boolean isInteger(String parameter) {
        return parameter.equals("base_e") || parameter.equals("incr_e") || parameter.equals("freq");
    }

    private static int toInt(String parameter, double value) {
        long n = Math.round(value);
        if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
            throw new IllegalArgumentException(parameter + " = " + value + " is too large");
        }
        return (int) n;
    }

    /** What makes these metaparameters give no network; empty when they are all acceptable. */
    public List<MetaparameterProblem> problems() {
        List<MetaparameterProblem> problems = new ArrayList<>();
        if (baseE < 1) {
            problems.add(new MetaparameterProblem("base_e",
                    "base_e is " + baseE + "; the first Fire module needs at least 1 expand filter"));
        }
        if (incrE < 0) {
            problems.add(new MetaparameterProblem("incr_e",
                    "incr_e is " + incrE + "; it must be 0 (constant width) or more"));
        }
        if (freq < 1) {
            problems.add(new MetaparameterProblem("freq",
                    "freq is " + freq + "; at least 1 Fire module must share each width"));
        }
        if (!(pct3x3 >= 0 && pct3x3 <= 1)) {
            problems.add(new MetaparameterProblem("pct_3x3",
                    "pct_3x3 is " + fmt(pct3x3) + "; it is a share of the expand filters, from 0 to 1"));
        }
        if (!(squeezeRatio > 0) || !Double.isFinite(squeezeRatio)) {
            problems.add(new MetaparameterProblem("sr", "SR is " + fmt(squeezeRatio)
                    + "; the squeeze ratio must be greater than 0 (SqueezeNet uses 0.125)"));
        }
        if (fireModules < 1 || fireModules > MAX_FIRE_MODULES) {
            problems.add(new MetaparameterProblem("fire_modules", "fire_modules is " + fireModules
                    + "; it must be from 1 to " + MAX_FIRE_MODULES + " (SqueezeNet has 8)"));
        }
        problems.addAll(poolProblems());
        if (classes < 1) {
            problems.add(new MetaparameterProblem("classes", "classes is " + classes + "; at least 1 is needed"));
        }
        if (inputSize < 1) {
            problems.add(new MetaparameterProblem("input_size",
                    "input_size is " + inputSize + "; the input image needs at least 1 pixel"));
        }
        if (inputChannels < 1) {
            problems.add(new MetaparameterProblem("input_channels",
                    "input_channels is " + inputChannels + "; the input image needs at least 1 channel"));
        }
        if (conv1Filters < 1) {
            problems.add(new MetaparameterProblem("conv1_filters",
                    "conv1_filters is " + conv1Filters + "; conv1 needs at least 1 filter"));
        }
        if (problems.isEmpty() && widest() > Integer.MAX_VALUE) {
            problems.add(new MetaparameterProblem("incr_e", "the last Fire module would have " + widest()
                    + " expand filters; lower base_e or incr_e"));
        }
        return List.copyOf(problems);
    }

    private List<MetaparameterProblem> poolProblems() {
        List<MetaparameterProblem> problems = new ArrayList<>();
        int last = Math.max(fireModules, 0) + 1;
        int previous = 0;
        for (Integer layer : poolAfter) {
            if (layer == null || layer < 1 || layer > last) {
                problems.add(new MetaparameterProblem("pool_after", "cannot pool after layer " + layer
                        + ": pool positions are 1 (conv1) or 2.." + last + " (fire2..fire" + last + ")"));
            } else if (layer <= previous) {
                problems.add(new MetaparameterProblem("pool_after", "pool positions must be increasing and "
                        + "distinct, but " + layer + " follows " + previous));
            } else {
                previous = layer;
            }
        }
        return problems;
    }

    private long widest() {
        return baseE + (long) incrE * ((fireModules - 1) / Math.max(freq, 1));
    }

    /** A one-line summary in the paper's terms, used as the generated network's description. */
    public String describe() {
        StringBuilder pools = new StringBuilder();
        for (int layer : poolAfter) {
            pools.append(pools.length() == 0 ? "" : ", ").append(layer == 1 ? "conv1" : "fire" + layer);
        }
        return String.format(Locale.ROOT, "SqueezeNet-style network from metaparameters base_e=%d, incr_e=%d, "
                        + "freq=%d, pct_3x3=%s, SR=%s; %d Fire modules, max pool after %s; %d classes, %dx%dx%d "
                        + "input, conv1 %d filters, bypass %s%s",
                baseE, incrE, freq, fmt(pct3x3), fmt(squeezeRatio), fireModules,
                pools.length() == 0 ? "no layer" : pools, classes, inputChannels, inputSize, inputSize, conv1Filters,
                simpleBypass ? "simple" : "none", trunk == Trunk.SMALL ? "; small-input trunk" : "");
    }

    /** A metaparameter value as people write it: {@code 128}, {@code 0.25} (no trailing zeros, no exponent). */
    public static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
