package org.cnnworkbench.app.ui.view;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * A view's refresh, run at once while the view is showing and otherwise once it is shown again: a view in a tab
 * that is not selected (the layer chart, the Hardware tab) does not redraw itself on every edit it cannot show.
 *
 * <pre>{@code
 * RefreshWhenShown refresh = new RefreshWhenShown(this::redraw);
 * model.addListener(o -> refresh.request());
 * refresh.showing().bind(tab.selectedProperty());
 * }</pre>
 */
public final class RefreshWhenShown {

    private final BooleanProperty showing = new SimpleBooleanProperty(true);
    private final Runnable refresh;
    private boolean stale;

    public RefreshWhenShown(Runnable refresh) {
        this.refresh = refresh;
        showing.addListener((o, was, now) -> {
            if (now && stale) {
                stale = false;
                refresh.run();
            }
        });
    }

    /** Refreshes now if the view is showing, else marks it to refresh when it is shown. */
    public void request() {
        if (showing.get()) {
            stale = false;
            refresh.run();
        } else {
            stale = true;
        }
    }

    /** Whether the view is showing (true until bound, e.g. to its tab's selected property). */
    public BooleanProperty showing() {
        return showing;
    }
}
