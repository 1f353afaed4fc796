package org.cnnworkbench.app.ui.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cnnworkbench.app.ui.document.DocumentState;
import org.cnnworkbench.engine.io.NetworkJson;
import org.cnnworkbench.engine.io.NodePosition;
import org.cnnworkbench.samples.SampleNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryStoreTest {

    @TempDir
    Path dir;

    /** Starts another instance (a separate process) that writes a recovery copy of NiN and keeps running. */
    private Process otherInstance() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RecoveryOwnerProcess.class.getName(), dir.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("saved");
        return process;
    }

    @Test
    void copyOfAnotherRunningInstanceIsNeverOfferedButIsOnceThatProcessHasDied() throws Exception {
        Process other = otherInstance();
        try {
            RecoveryStore mine = new RecoveryStore(dir);
            mine.save(DocumentState.of(SampleNetworks.load("alexnet").spec()), null);
            assertThat(mine.pending().copies()).isEmpty();

            other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            List<RecoveryStore.Recovered> found = mine.pending().copies();
            assertThat(found).hasSize(1);
            assertThat(found.get(0).network().spec().name()).isEqualTo("nin");
            assertThat(found.get(0).originalFile()).isEqualTo(dir.resolve("nin-mine.json"));
            // While this window offers it, a third one starting now does not offer it as well.
            assertThat(new RecoveryStore(dir).pending().copies()).isEmpty();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void twoInstancesInOneProcessKeepTheirCopiesApartAndANormalExitRemovesOnlyItsOwn() throws Exception {
        RecoveryStore first = new RecoveryStore(dir);
        RecoveryStore second = new RecoveryStore(dir);
        first.save(DocumentState.of(SampleNetworks.load("nin").spec()), null);
        second.save(DocumentState.of(SampleNetworks.load("alexnet").spec()), null);
        assertThat(first.pending().copies()).isEmpty();
        assertThat(second.pending().copies()).isEmpty();
        first.close();
        second.clear();
        try (var files = Files.list(first.folder())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".json"));
        }
        second.close();
    }

    @Test
    void declinedCopyIsKeptListedAndOpenedUntilTheUserDeletesIt() throws Exception {
        Process other = otherInstance();
        other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        RecoveryStore store = new RecoveryStore(dir);
        RecoveryStore.Recovered found = store.pending().copies().get(0);
        store.setAside(found);
        assertThat(new RecoveryStore(dir).pending().copies()).isEmpty();

        List<RecoveryStore.KeptCopy> kept = store.kept();
        assertThat(kept).singleElement().satisfies(k -> {
            assertThat(k.networkName()).isEqualTo("nin");
            assertThat(k.originalFile()).isEqualTo(dir.resolve("nin-mine.json"));
            assertThat(k.savedAt()).isEqualTo(found.savedAt());
        });
        RecoveryStore.Recovered opened = store.openKept(kept.get(0).id());
        assertThat(opened.network().spec()).isEqualTo(found.network().spec());
        assertThat(store.kept()).hasSize(1);
        store.deleteKept(kept.get(0).id());
        assertThat(store.kept()).isEmpty();
    }

    @Test
    void copyOfAnOlderVersionIsOfferedOnceWithItsOriginAndItsDeclinedCopiesAreKept() throws Exception {
        DocumentState state = new DocumentState(SampleNetworks.load("nin").spec(),
                Map.of("conv1", new NodePosition(3, 4)));
        NetworkJson.write(state.spec(), state.layout(), dir.resolve("recovery.json"));
        Files.writeString(dir.resolve("recovery-origin.txt"), dir.resolve("nin-edited.json").toString());
        NetworkJson.write(SampleNetworks.load("alexnet").spec(), dir.resolve("recovery-declined-1700000000000.json"));

        RecoveryStore store = new RecoveryStore(dir);
        RecoveryStore.Recovered found = store.pending().copies().get(0);
        assertThat(found.network().spec()).isEqualTo(state.spec());
        assertThat(found.network().layout()).isEqualTo(state.layout());
        assertThat(found.originalFile()).isEqualTo(dir.resolve("nin-edited.json"));
        store.release(found);
        store.adopted(new RecoveryStore(dir).pending().copies().get(0));
        assertThat(new RecoveryStore(dir).pending().copies()).isEmpty();
        assertThat(store.kept()).extracting(RecoveryStore.KeptCopy::networkName).containsExactly("alexnet");
    }

    @Test
    void damagedCopyIsMovedAsideAndReportedNotDeleted() throws Exception {
        Files.writeString(dir.resolve("recovery.json"), "{ not json");
        RecoveryStore.Pending pending = new RecoveryStore(dir).pending();
        assertThat(pending.copies()).isEmpty();
        assertThat(pending.problems()).singleElement().asString().contains("cannot be read", "damaged");
        try (var files = Files.list(dir.resolve("recovery").resolve("damaged"))) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void aHomeThatIsAFileMakesEveryWriteFailWithAReason() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("home"), "a file");
        RecoveryStore store = new RecoveryStore(notAFolder);
        assertThatThrownBy(() -> store.save(DocumentState.of(SampleNetworks.load("nin").spec()), null))
                .isInstanceOf(IOException.class);
        RecentFiles recent = new RecentFiles(notAFolder);
        assertThatThrownBy(() -> recent.add(dir.resolve("x.json"))).isInstanceOf(IOException.class);
    }

    @Test
    void recentFilesKeepTheNewestFirstWithoutDuplicates() throws Exception {
        RecentFiles recent = new RecentFiles(dir);
        for (int i = 0; i < 12; i++) {
            recent.add(dir.resolve("net" + i + ".json"));
        }
        recent.add(dir.resolve("net5.json"));
        assertThat(recent.list()).hasSize(RecentFiles.MAX);
        assertThat(recent.list().get(0)).isEqualTo(dir.resolve("net5.json").toAbsolutePath());
        assertThat(recent.list()).doesNotHaveDuplicates();
    }

    @Test
    void aDamagedRecentListIsReportedWithItsLineAndRepairedByTheNextAdd() throws Exception {
        Files.writeString(dir.resolve("recent.txt"), "/tmp/a.json\n/tmp/b\u0000.json\n");
        RecentFiles recent = new RecentFiles(dir);
        assertThatThrownBy(recent::list).isInstanceOf(IOException.class).hasMessageContaining("recent.txt:2");
        assertThatThrownBy(() -> recent.add(dir.resolve("c.json"))).isInstanceOf(IOException.class)
                .hasMessageContaining("dropped");
        assertThat(recent.list()).containsExactly(dir.resolve("c.json").toAbsolutePath(), Path.of("/tmp/a.json"));
    }
}
