package org.cnnworkbench.app.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/** The layer rows: an update that changes many rows reaches each listener once, with only the changed rows. */
class RowListTest {

    @Test
    void manyChangedRowsAreOneChangeAndUnchangedRowsStay() {
        RowList<String> rows = new RowList<>();
        rows.update(IntStream.range(0, 2000).mapToObj(i -> "row" + i).toList());
        List<String> firstRow = new ArrayList<>();
        firstRow.add(rows.get(0));
        int[] calls = {0};
        List<Integer> replaced = new ArrayList<>();
        rows.addListener((ListChangeListener<String>) c -> {
            calls[0]++;
            while (c.next()) {
                assertThat(c.wasReplaced()).isTrue();
                IntStream.range(c.getFrom(), c.getTo()).forEach(replaced::add);
            }
        });

        // every odd row changes
        List<String> fresh = IntStream.range(0, 2000).mapToObj(i -> i % 2 == 1 ? "changed" + i : "row" + i).toList();
        rows.update(fresh);

        assertThat(calls[0]).isEqualTo(1);
        assertThat(replaced).hasSize(1000).allMatch(i -> i % 2 == 1);
        assertThat(rows).containsExactlyElementsOf(fresh);
        assertThat(rows.get(0)).isSameAs(firstRow.get(0));

        rows.update(fresh);   // nothing changed: no change at all
        assertThat(calls[0]).isEqualTo(1);

        rows.update(List.of("a", "b"));   // another size: all rows replaced
        assertThat(calls[0]).isEqualTo(2);
        assertThat(rows).containsExactly("a", "b");
    }
}
