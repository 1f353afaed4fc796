package org.cnnworkbench.engine.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Which classes of a data set to use: all of them, the first N in sorted order, or a named list (kept in the
 * sorted order of the data set, so that label indices do not depend on how the list was written).
 */
public record ClassSubset(int first, List<String> names) {

    public ClassSubset {
        if (first < 0) {
            throw new IllegalArgumentException("the number of classes must be positive, not " + first);
        }
        names = names == null ? null : List.copyOf(names);
    }

    /** Every class. */
    public static ClassSubset all() {
        return new ClassSubset(0, null);
    }

    /** The first {@code n} classes in sorted order. */
    public static ClassSubset first(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("the number of classes must be positive, not " + n);
        }
        return new ClassSubset(n, null);
    }

    /** The named classes. */
    public static ClassSubset named(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("name at least one class");
        }
        return new ClassSubset(0, names);
    }

    /**
     * The chosen classes of {@code available} (sorted), in that order.
     *
     * @throws IllegalArgumentException for a name that is not among the classes, or more classes than there are
     */
    public List<String> apply(List<String> available, String where) {
        if (names != null) {
            for (String n : names) {
                if (!available.contains(n)) {
                    throw new IllegalArgumentException("no class '" + n + "' in " + where + "; its classes are "
                            + abbreviate(available));
                }
            }
            List<String> chosen = new ArrayList<>();
            for (String a : available) {
                if (names.contains(a)) {
                    chosen.add(a);
                }
            }
            return List.copyOf(chosen);
        }
        if (first > 0) {
            if (first > available.size()) {
                throw new IllegalArgumentException(first + " classes asked for but " + where + " has only "
                        + available.size());
            }
            return List.copyOf(available.subList(0, first));
        }
        return List.copyOf(available);
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 12 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 12)) + ", ... (" + names.size() + " in all)";
    }
}
