package org.cnnworkbench.engine.dl4j;

import java.util.Locale;

/**
 * Which model of a training run to use: the epoch with the best validation top-1 ({@code best-epoch-N.zip}) or
 * the last completed epoch ({@code model.zip}). Inference and compression use {@link #BEST} unless told
 * otherwise; a run without a best-epoch model (trained before it was recorded, or whose validation never
 * scored) gives its last.
 */
public enum ModelChoice {
    BEST, LAST;

    /** {@code best} or {@code last}, as options and files write it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException for anything but best or last (any case)
     */
    public static ModelChoice parse(String text) {
        for (ModelChoice c : values()) {
            if (c.id().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return c;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a model choice: use best (the epoch with the best "
                + "validation top-1) or last (the last completed epoch)");
    }
}
