package org.cnnworkbench.app.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.samples.SampleNetworks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PropertyEditorViewModelTest {

    private WorkbenchViewModel vm;
    private PropertyEditorViewModel editor;

    @BeforeEach
    void open() throws Exception {
        vm = new WorkbenchViewModel(Analyzer.standard(), Runnable::run, Runnable::run);
        vm.open(SampleNetworks.load("squeezenet-v1.0"), null);
        editor = new PropertyEditorViewModel(vm);
    }

    private NetworkSpec spec() {
        return vm.document().get().spec();
    }

    @Test
    void showsAHintUnlessExactlyOneNodeIsSelected() {
        assertThat(editor.hint().get()).isNotBlank();
        assertThat(editor.fields()).isEmpty();
        vm.select("fire2");
        assertThat(editor.hint().get()).isNull();
        assertThat(editor.fields()).extracting(ParamField::name).containsExactly("s1x1", "e1x1", "e3x3", "bypass");
        assertThat(editor.field("s1x1").text().get()).isEqualTo("16");
        assertThat(editor.field("bypass").usingDefault().get()).isTrue();
        assertThat(editor.field("bypass").defaultText()).isEqualTo("default: false");
        assertThat(editor.summary().get()).startsWith("Output 128x55x55");
        vm.selection().add("fire3");
        assertThat(editor.hint().get()).contains("2 nodes selected");
        assertThat(editor.fields()).isEmpty();
    }

    @Test
    void aValidValueEditsTheSpecAndUpdatesTheFieldInPlace() {
        vm.select("fire2");
        ParamField s1x1 = editor.field("s1x1");
        assertThat(editor.commit("s1x1", "32")).isTrue();
        assertThat(spec().node("fire2").orElseThrow().param("s1x1")).isEqualTo(32L);
        assertThat(editor.field("s1x1")).isSameAs(s1x1);
        assertThat(s1x1.text().get()).isEqualTo("32");
        assertThat(vm.status().get().params())
                .isEqualTo(Analyzer.standard().analyze(spec()).totals().paramTotal());
    }

    @Test
    void anInvalidValueIsRefusedWithTheReasonAndChangesNothing() {
        vm.select("fire2");
        NetworkSpec before = spec();
        assertThat(editor.commit("s1x1", "0")).isFalse();
        assertThat(editor.error().get()).contains("'0'").contains(">= 1");
        assertThat(editor.errorField().get()).isEqualTo("s1x1");
        assertThat(editor.commit("s1x1", "abc")).isFalse();
        assertThat(editor.error().get()).contains("'abc' is not a whole number");
        assertThat(spec()).isSameAs(before);
        assertThat(vm.canUndo().get()).isFalse();
        assertThat(editor.commit("s1x1", "24")).isTrue();
        assertThat(editor.error().get()).isNull();
    }

    @Test
    void emptyTextMeansTheDefault() {
        vm.select("fire2");
        editor.commit("bypass", "true");
        assertThat(spec().node("fire2").orElseThrow().param("bypass")).isEqualTo(true);
        editor.commit("bypass", "");
        assertThat(spec().node("fire2").orElseThrow().params()).doesNotContainKey("bypass");
        assertThat(editor.commit("s1x1", "")).isFalse();
        assertThat(editor.error().get()).contains("required");
    }

    @Test
    void renameKeepsTheNodeSelectedAndRefusesTakenOrEmptyIds() {
        vm.select("fire2");
        assertThat(editor.rename("fire3")).isFalse();
        assertThat(editor.error().get()).contains("already a node 'fire3'");
        assertThat(editor.errorField().get()).isEqualTo(PropertyEditorViewModel.ID_FIELD);
        assertThat(editor.rename(" ")).isFalse();
        assertThat(editor.error().get()).contains("must not be empty");
        assertThat(spec().contains("fire2")).isTrue();

        assertThat(editor.rename("squeeze2")).isTrue();
        assertThat(spec().contains("fire2")).isFalse();
        assertThat(vm.selection()).containsExactly("squeeze2");
        assertThat(editor.node().get().id()).isEqualTo("squeeze2");
        assertThat(editor.error().get()).isNull();
    }

    @Test
    void listsTheDiagnosticsOfTheNode() {
        vm.select("conv1");
        assertThat(editor.diagnostics()).isEmpty();
        assertThat(editor.commit("groups", "5")).isTrue();
        assertThat(editor.diagnostics()).isNotEmpty().allSatisfy(d -> assertThat(d.node()).isEqualTo("conv1"));
        assertThat(editor.summary().get()).startsWith("Not computed");
    }
}
