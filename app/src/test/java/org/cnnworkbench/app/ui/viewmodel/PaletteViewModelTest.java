package org.cnnworkbench.app.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cnnworkbench.engine.kinds.Category;
import org.cnnworkbench.engine.kinds.LayerKind;
import org.cnnworkbench.engine.kinds.KindRegistry;
import org.junit.jupiter.api.Test;

class PaletteViewModelTest {

    private final PaletteViewModel palette = new PaletteViewModel(KindRegistry.standard().units());

    private List<String> names() {
        return palette.groups().get().stream().flatMap(g -> g.kinds().stream()).map(LayerKind::name).toList();
    }

    @Test
    void withoutFilterEveryKindIsListedOnceUnderItsCategory() {
        assertThat(names()).containsExactlyInAnyOrderElementsOf(KindRegistry.standard().names());
        assertThat(palette.groups().get()).allSatisfy(g ->
                assertThat(g.kinds()).allSatisfy(k -> assertThat(k.descriptor().category()).isEqualTo(g.category())));
        assertThat(palette.groups().get()).anySatisfy(g -> {
            assertThat(g.category()).isEqualTo(Category.MODULE);
            assertThat(g.kinds()).extracting(LayerKind::name).contains("fire");
        });
    }

    @Test
    void filterMatchesNameCaseInsensitivelyAndDropsEmptyCategories() {
        palette.filter().set("FIRE");
        assertThat(names()).containsExactly("fire");
        assertThat(palette.groups().get()).hasSize(1);
    }

    @Test
    void theDetectionHeadIsListedUnderDetectionWithItsLabel() {
        assertThat(palette.groups().get()).anySatisfy(g -> {
            assertThat(g.category()).isEqualTo(Category.DETECTION);
            assertThat(g.category().label()).isEqualTo("Detection");
            assertThat(g.kinds()).extracting(LayerKind::name).containsExactly("convdet");
        });
        palette.filter().set("detection head");
        assertThat(names()).containsExactly("convdet");
        assertThat(KindRegistry.standard().unit("convdet").orElseThrow().palette().label())
                .isEqualTo("ConvDet (detection head)");
    }

    @Test
    void filterMatchesThePaletteLabel() {
        palette.filter().set("max pooling");
        assertThat(names()).containsExactly("maxpool");
    }

    @Test
    void filterMatchesTheDescription() {
        LayerKind fire = KindRegistry.standard().unit("fire").orElseThrow();
        String word = fire.descriptor().description().split("\\s+")[1];
        assertThat(PaletteViewModel.matches(fire, word)).isTrue();
        palette.filter().set("no kind is described like this");
        assertThat(palette.groups().get()).isEmpty();
        palette.filter().set("  ");
        assertThat(names()).hasSize(KindRegistry.standard().all().size());
    }
}
