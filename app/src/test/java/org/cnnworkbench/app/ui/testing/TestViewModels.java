package org.cnnworkbench.app.ui.testing;

import org.cnnworkbench.app.ui.viewmodel.WorkbenchViewModel;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.samples.SampleNetworks;

/** View models the UI tests share. */
public final class TestViewModels {

    private TestViewModels() {
    }

    /** SqueezeNet v1.0 open, analysed synchronously (analysis and UI updates run on the calling thread). */
    public static WorkbenchViewModel squeezeNet() {
        WorkbenchViewModel vm = new WorkbenchViewModel(Analyzer.standard(), Runnable::run, Runnable::run);
        try {
            vm.open(SampleNetworks.load("squeezenet-v1.0"), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return vm;
    }
}
