package org.cnnworkbench.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cnnworkbench.engine.hardware.HardwareProfile;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.junit.jupiter.api.Test;

class HardwareProfilesTest {

    @Test
    void shipsTheFourProfilesWithTheirSources() throws Exception {
        assertThat(HardwareProfiles.names()).containsExactly("titan-x", "jetson-tx1", "h100-sxm", "epyc-2core");
        assertThat(HardwareProfiles.list()).hasSize(4).allSatisfy(p -> assertThat(p.source()).isNotBlank());
        HardwareProfile titanX = HardwareProfiles.load("titan-x");
        assertThat(titanX.peakFlops()).isEqualTo(6.6e12);
        assertThat(titanX.memoryBandwidth()).isEqualTo(336.5e9);
        assertThat(titanX.powerWatts()).isEqualTo(250);
        assertThat(HardwareProfiles.load("jetson-tx1").memoryBandwidth()).isEqualTo(25.6e9);
    }

    @Test
    void anUnknownProfileListsTheShippedOnes() {
        assertThatThrownBy(() -> HardwareProfiles.load("titan-z")).isInstanceOf(SpecFormatException.class)
                .hasMessage("titan-z: no such hardware profile or file; the shipped profiles are "
                        + "titan-x, jetson-tx1, h100-sxm, epyc-2core");
    }
}
