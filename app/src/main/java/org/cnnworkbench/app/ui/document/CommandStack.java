package org.cnnworkbench.app.ui.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The undo history. Each applied change gets a serial number; the document is unsaved when the change on top
 * of the history is not the one that was on top when it was last saved.
 */
public final class CommandStack {

    private final List<Change> done = new ArrayList<>();
    private final List<Long> serials = new ArrayList<>();
    private final List<Change> undone = new ArrayList<>();
    private final List<Long> undoneSerials = new ArrayList<>();
    private long nextSerial = 1;
    private long savedSerial = 0;

    /** Records a change that has just been applied; it clears what could be redone. */
    public void push(Change change) {
        done.add(change);
        serials.add(nextSerial++);
        undone.clear();
        undoneSerials.clear();
    }

    /** The change to revert, removed from the undo side. */
    public Optional<Change> undo() {
        if (done.isEmpty()) {
            return Optional.empty();
        }
        Change c = done.remove(done.size() - 1);
        undone.add(c);
        undoneSerials.add(serials.remove(serials.size() - 1));
        return Optional.of(c);
    }

    /** The change to re-apply, moved back to the undo side. */
    public Optional<Change> redo() {
        if (undone.isEmpty()) {
            return Optional.empty();
        }
        Change c = undone.remove(undone.size() - 1);
        done.add(c);
        serials.add(undoneSerials.remove(undoneSerials.size() - 1));
        return Optional.of(c);
    }

    /** The change that {@link #undo} would revert, without reverting it. */
    public Optional<Change> lastDone() {
        return done.isEmpty() ? Optional.empty() : Optional.of(done.get(done.size() - 1));
    }

    public boolean canUndo() {
        return !done.isEmpty();
    }

    public boolean canRedo() {
        return !undone.isEmpty();
    }

    public Optional<String> undoDescription() {
        return done.isEmpty() ? Optional.empty() : Optional.of(done.get(done.size() - 1).description());
    }

    public Optional<String> redoDescription() {
        return undone.isEmpty() ? Optional.empty() : Optional.of(undone.get(undone.size() - 1).description());
    }

    /** Marks the current state as saved. */
    public void markSaved() {
        savedSerial = top();
    }

    /** Identifies the current state; a save that finishes later marks the state it wrote with it. */
    public long revision() {
        return top();
    }

    /** Marks the state of {@code revision} as saved (edits made while it was written stay unsaved). */
    public void markSaved(long revision) {
        savedSerial = revision;
    }

    /** Whether the state differs from the one last saved (or opened). */
    public boolean isDirty() {
        return top() != savedSerial;
    }

    /** Forgets the whole history (a new document was opened) and marks it saved. */
    public void reset() {
        done.clear();
        serials.clear();
        undone.clear();
        undoneSerials.clear();
        savedSerial = 0;
    }

    /** Marks the current state as never saved, e.g. after restoring a recovery file. */
    public void markUnsaved() {
        savedSerial = -1;
    }

    private long top() {
        return serials.isEmpty() ? 0 : serials.get(serials.size() - 1);
    }
}
