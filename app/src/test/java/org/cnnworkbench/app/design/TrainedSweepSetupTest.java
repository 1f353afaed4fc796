package org.cnnworkbench.app.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.cnnworkbench.engine.design.SqueezeNetMetaparameters;
import org.cnnworkbench.engine.design.SweepAxis;
import org.cnnworkbench.engine.dl4j.DataSpec;
import org.cnnworkbench.engine.dl4j.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainedSweepSetupTest {

    @TempDir
    Path dir;

    @Test
    void theNetworksTakeTheDataInputUnlessItWasGiven() {
        SqueezeNetMetaparameters small = SqueezeNetMetaparameters.smallDefaults().withInputSize(32).withInputChannels(3);
        DataSpec fashion = DataSpec.fashionMnist(0, 0);
        DataSpec folder = DataSpec.folder("images", 0, 0);
        assertThat(TrainedSweepSetup.inputFromData(small, fashion, false, false))
                .isEqualTo(small.withInputChannels(1).withInputSize(28));
        assertThat(TrainedSweepSetup.inputFromData(small, fashion, true, true)).isEqualTo(small);
        assertThat(TrainedSweepSetup.inputFromData(small.withInputChannels(1), folder, false, false))
                .isEqualTo(small);
    }

    @Test
    void seedsFollowTheFirstAndBudgetsAreChecked() {
        assertThat(TrainedSweepSetup.seeds(42, 3)).containsExactly(42L, 43L, 44L);
        assertThatThrownBy(() -> TrainedSweepSetup.seeds(42, 101)).hasMessage("seeds is 101; give 1 to 100");
        assertThat(TrainedSweepSetup.Budget.none().isNone()).isTrue();
        assertThat(TrainedSweepSetup.Budget.minutes(0).isNone()).isTrue();
        assertThatThrownBy(() -> new TrainedSweepSetup.Budget(5, 1000)).hasMessageContaining("not both");
        assertThatThrownBy(() -> TrainedSweepSetup.Budget.images(-1)).hasMessageContaining("0 (none) or more");
    }

    @Test
    void moreClassesThanTheDataHasAreRefused() throws Exception {
        Path idx = org.cnnworkbench.engine.data.IdxFiles.learnableFashionMnist(dir.resolve("idx"), 20, 10);
        DataSpec twelve = new DataSpec(DataSpec.FASHION_MNIST, idx.toString(), 12, 0, 0, 0, false);
        SqueezeNetMetaparameters base = TrainedSweepSetup.inputFromData(SqueezeNetMetaparameters.smallDefaults(),
                twelve, false, false);
        assertThatThrownBy(() -> TrainedSweepSetup.prepare(base, new SweepAxis("sr", 0.25, 0.25, 1), null, twelve,
                TrainingConfig.defaults(), List.of(1L), TrainedSweepSetup.Budget.none(), (p, r) -> { }))
                .hasMessage("12 classes were asked for, but the data has only 10");
        DataSpec three = new DataSpec(DataSpec.FASHION_MNIST, idx.toString(), 3, 0, 0, 0, false);
        TrainedSweepSetup.Prepared p = TrainedSweepSetup.prepare(base, new SweepAxis("sr", 0.25, 0.25, 1), null,
                three, TrainingConfig.defaults(), List.of(1L), TrainedSweepSetup.Budget.none(), (pt, r) -> { });
        assertThat(p.setup().base().classes()).isEqualTo(3);
        assertThat(p.data().classes()).hasSize(3);
    }

    @Test
    void aPointThatMakesNoNetworkOrTooManyRunsAreRefusedBeforeAnyDataIsRead() {
        // the ImageNet trunk's pools leave nothing of a 28 x 28 input; the data folder does not even exist
        DataSpec missing = new DataSpec(DataSpec.FASHION_MNIST, dir.resolve("none").toString(), 0, 0, 0, 0, true);
        SqueezeNetMetaparameters imagenet = TrainedSweepSetup.inputFromData(SqueezeNetMetaparameters.defaults(),
                missing, false, false);
        assertThatThrownBy(() -> TrainedSweepSetup.prepare(imagenet, new SweepAxis("sr", 0.125, 0.25, 2), null,
                missing, TrainingConfig.defaults(), List.of(1L), TrainedSweepSetup.Budget.none(), (p, r) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("at sr = 0.125: ");
        assertThatThrownBy(() -> TrainedSweepSetup.prepare(SqueezeNetMetaparameters.smallDefaults(),
                new SweepAxis("sr", 0.125, 0.5, 500), null, missing, TrainingConfig.defaults(),
                TrainedSweepSetup.seeds(1, 3), TrainedSweepSetup.Budget.none(), (p, r) -> { }))
                .hasMessage("the sweep has 500 points x 3 seeds = 1500 runs; at most 1000 are allowed");
    }
}
