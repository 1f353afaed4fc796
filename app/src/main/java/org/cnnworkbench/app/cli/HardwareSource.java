package org.cnnworkbench.app.cli;

import org.cnnworkbench.engine.hardware.HardwareProfile;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.cnnworkbench.samples.HardwareProfiles;

/** Resolves a command-line argument that names a shipped hardware profile or a profile file. */
final class HardwareSource {

    private HardwareSource() {
    }

    static HardwareProfile load(String nameOrFile) {
        try {
            return HardwareProfiles.load(nameOrFile);
        } catch (SpecFormatException e) {
            throw new UserException(e.getMessage());
        }
    }
}
