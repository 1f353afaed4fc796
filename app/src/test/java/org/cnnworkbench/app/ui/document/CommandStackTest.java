package org.cnnworkbench.app.ui.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.junit.jupiter.api.Test;

class CommandStackTest {

    private static Change change(String name) {
        DocumentState a = DocumentState.of(NetworkSpec.of("a", List.of()));
        return new Change(name, a, a.withSpec(NetworkSpec.of(name, List.of())), Set.of());
    }

    @Test
    void undoAndRedoWalkTheHistoryAndANewEditClearsRedo() {
        CommandStack stack = new CommandStack();
        stack.push(change("one"));
        stack.push(change("two"));
        assertThat(stack.undo().orElseThrow().description()).isEqualTo("two");
        assertThat(stack.redoDescription()).contains("two");
        assertThat(stack.redo().orElseThrow().description()).isEqualTo("two");
        stack.undo();
        stack.push(change("three"));
        assertThat(stack.canRedo()).isFalse();
        assertThat(stack.undo().orElseThrow().description()).isEqualTo("three");
        assertThat(stack.undo().orElseThrow().description()).isEqualTo("one");
        assertThat(stack.undo()).isEmpty();
    }

    @Test
    void dirtyFollowsTheSavedMarkThroughUndoAndRedo() {
        CommandStack stack = new CommandStack();
        assertThat(stack.isDirty()).isFalse();
        stack.push(change("one"));
        assertThat(stack.isDirty()).isTrue();
        stack.markSaved();
        assertThat(stack.isDirty()).isFalse();
        stack.undo();
        assertThat(stack.isDirty()).isTrue();
        stack.redo();
        assertThat(stack.isDirty()).isFalse();
        stack.undo();
        stack.push(change("other"));
        assertThat(stack.isDirty()).isTrue();
        stack.reset();
        assertThat(stack.isDirty()).isFalse();
        stack.markUnsaved();
        assertThat(stack.isDirty()).isTrue();
    }

    @Test
    void aSaveThatFinishesAfterAnotherEditLeavesThatEditUnsaved() {
        CommandStack stack = new CommandStack();
        stack.push(change("one"));
        long written = stack.revision();
        stack.push(change("two"));
        stack.markSaved(written);
        assertThat(stack.isDirty()).isTrue();
        stack.undo();
        assertThat(stack.isDirty()).isFalse();
    }
}
