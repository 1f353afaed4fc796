package org.cnnworkbench.app.ui.view;

import org.cnnworkbench.app.ui.testing.TestViewModels;
import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;

/** The view model the panel tests share: SqueezeNet v1.0 analysed synchronously. */
final class PanelTestSupport {

    static final String PANELS_CSS = "/org/cnnworkbench/app/ui/panels.css";

    private PanelTestSupport() {
    }

    static WorkbenchViewModel squeezeNet() {
        return TestViewModels.squeezeNet();
    }
}
