package org.cnnworkbench.engine.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics.csv is written through the CSV library in the format run directories have always had. */
class RunDirectoryMetricsTest {

    @TempDir
    Path dir;

    @Test
    void anEpochsRowKeepsTheFormatOfEarlierRunDirectoriesAndReadsBack() throws Exception {
        RunDirectory run = new RunDirectory(dir);
        // a run directory written before the CSV library: header and one row, as Trainer formatted them
        Files.writeString(run.metricsFile(), "epoch,train_loss,val_loss,val_top1,val_top5,images_per_second,seconds\n"
                + "1,0.693147,0.650000,0.500000,1.000000,1234.5,10.25\n");

        run.commitEpoch(new TrainingListener.EpochMetrics(2, 0.5, 0.25, 0.75, 0.9, 1234.56, 12.5));

        assertThat(Files.readString(run.metricsFile())).isEqualTo(
                "epoch,train_loss,val_loss,val_top1,val_top5,images_per_second,seconds\n"
                + "1,0.693147,0.650000,0.500000,1.000000,1234.5,10.25\n"
                + "2,0.500000,0.250000,0.750000,0.900000,1234.6,12.50\n");
        assertThat(run.metrics()).extracting(TrainingListener.EpochMetrics::epoch).containsExactly(1, 2);
        assertThat(run.metrics().get(1).top1()).isEqualTo(0.75);
    }
}
