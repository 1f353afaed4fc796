package org.cnnworkbench.app.ui.files;

import java.nio.file.Path;
import org.cnnworkbench.app.ui.document.DocumentState;
import org.cnnworkbench.samples.SampleNetworks;

/**
 * Another workbench instance for the recovery tests: writes a recovery copy of NiN into the folder given as
 * the first argument, says "saved" and waits to be killed (a crash) or for its input to end.
 */
public final class RecoveryOwnerProcess {

    private RecoveryOwnerProcess() {
    }

    public static void main(String[] args) throws Exception {
        RecoveryStore store = new RecoveryStore(Path.of(args[0]));
        store.save(DocumentState.of(SampleNetworks.load("nin").spec()), Path.of(args[0], "nin-mine.json"));
        System.out.println("saved");
        System.out.flush();
        while (System.in.read() >= 0) {
            Thread.onSpinWait();
        }
    }
}
