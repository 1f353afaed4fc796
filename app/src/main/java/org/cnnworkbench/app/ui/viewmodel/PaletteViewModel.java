package org.cnnworkbench.app.ui.viewmodel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.cnnworkbench.engine.kinds.Category;
import org.cnnworkbench.engine.kinds.LayerKind;

/**
 * The palette of kinds: every registered kind grouped by category, narrowed by a filter text that matches a
 * kind's name, palette label or description (case-insensitive, every word must match).
 */
public final class PaletteViewModel {

    /** The kinds of one category that pass the filter, in registration order. */
    public record Group(Category category, List<LayerKind> kinds) {
        public Group {
            kinds = List.copyOf(kinds);
        }
    }

    private final Collection<LayerKind> kinds;
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<List<Group>> groups = new ReadOnlyObjectWrapper<>(List.of());

    public PaletteViewModel(Collection<LayerKind> kinds) {
        this.kinds = List.copyOf(kinds);
        filter.addListener((o, a, b) -> refresh());
        refresh();
    }

    /** The text typed in the search field. */
    public StringProperty filter() {
        return filter;
    }

    /** The non-empty groups, in category order, for the current filter. */
    public ReadOnlyObjectProperty<List<Group>> groups() {
        return groups.getReadOnlyProperty();
    }

    private void refresh() {
        groups.set(group(kinds, filter.get()));
    }

    /** The kinds matching {@code query}, grouped by category (empty categories left out). */
    public static List<Group> group(Collection<LayerKind> kinds, String query) {
        Map<Category, List<LayerKind>> byCategory = new EnumMap<>(Category.class);
        for (LayerKind k : kinds) {
            if (matches(k, query)) {
                byCategory.computeIfAbsent(k.descriptor().category(), c -> new ArrayList<>()).add(k);
            }
        }
        List<Group> result = new ArrayList<>();
        byCategory.forEach((c, list) -> result.add(new Group(c, list)));
        return List.copyOf(result);
    }

    /** Whether every word of {@code query} occurs in the kind's name, label, description, category or plugin. */
    public static boolean matches(LayerKind kind, String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String haystack = (kind.name() + " " + kind.palette().label() + " " + kind.descriptor().description() + " "
                + kind.descriptor().category().label() + " " + (kind.isBuiltIn() ? "" : kind.plugin()))
                .toLowerCase(Locale.ROOT);
        for (String word : query.toLowerCase(Locale.ROOT).strip().split("\\s+")) {
            if (!haystack.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
