package org.cnnworkbench.app.report;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as users type them: {@code 25000}, {@code 25kB}, {@code 0.5MB}, {@code 24KiB}, {@code 1MiB}. */
public final class Sizes {

    private static final Pattern SIZE = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z]*)\\s*");

    private Sizes() {
    }

    /**
     * Bytes.
     *
     * @throws IllegalArgumentException saying why, if the text is not a positive number with one of the units
     */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write e.g. 25000, 25kB, 0.5MB or 24KiB");
        }
        double unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1;
            case "k", "kb" -> 1e3;
            case "m", "mb" -> 1e6;
            case "g", "gb" -> 1e9;
            case "kib" -> 1024;
            case "mib" -> 1024 * 1024;
            case "gib" -> 1024.0 * 1024 * 1024;
            default -> throw new IllegalArgumentException("unknown unit '" + m.group(2) + "' in '" + text + "'; use B, kB, MB, "
                    + "GB, KiB, MiB or GiB");
        };
        double bytes = Double.parseDouble(m.group(1)) * unit;
        if (!(bytes >= 1) || bytes > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("the size " + text + " is out of range");
        }
        return Math.round(bytes);
    }
}
