package org.cnnworkbench.app.ui.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.BitSet;

/**
 * Works around a Monocle quirk (openjfx-monocle 17.0.10, {@code MouseInput.notifyMouse}): any plain mouse
 * drag stores the window's View in {@code dragView}, which is cleared only when a drag-and-drop ends. A
 * drag-and-drop started later in another scene (each test shows a new one) first sends "drag leave" to that
 * stale View, which throws. Call {@link #reset()} before a robot drag-and-drop in a test that shows a new
 * scene. Does nothing when the tests do not run on Monocle.
 */
public final class MonocleDragState {

    private MonocleDragState() {
    }

    public static void reset() {
        try {
            Class<?> type = Class.forName("com.sun.glass.ui.monocle.MouseInput");
            Method getInstance = type.getDeclaredMethod("getInstance");
            getInstance.setAccessible(true);
            Object input = getInstance.invoke(null);
            Field dragView = type.getDeclaredField("dragView");
            dragView.setAccessible(true);
            dragView.set(input, null);
            Field dragActions = type.getDeclaredField("dragActions");
            dragActions.setAccessible(true);
            ((BitSet) dragActions.get(input)).clear();
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not on Monocle, or a version without the quirk
        }
    }
}
