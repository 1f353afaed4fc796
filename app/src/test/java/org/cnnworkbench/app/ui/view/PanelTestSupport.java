package org.cnnworkbench.app.ui.view;

import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.samples.SampleNetworks;

/** The view model the panel tests share: SqueezeNet v1.0 analysed synchronously. */
final class PanelTestSupport {

    static final String PANELS_CSS = "/org/cnnworkbench/app/ui/panels.css";

    private PanelTestSupport() {
    }

    static WorkbenchViewModel squeezeNet() {
        WorkbenchViewModel vm = new WorkbenchViewModel(Analyzer.standard(), Runnable::run, Runnable::run);
        try {
            vm.open(SampleNetworks.load("squeezenet-v1.0"), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return vm;
    }
}
